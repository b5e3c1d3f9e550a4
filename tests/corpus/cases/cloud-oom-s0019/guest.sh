# 6.1.0-56-cloud-amd64 oom seed 19
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
echo m > /proc/sysrq-trigger
sleep 1.4
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.6
knob link 10000
sleep 1.9
knob verbose 2600
sleep 1.9
cpu_flap 3
sleep 1.1
raw_read 134416
raw_read 134416
sleep 1.8
cause
mkdir -p /run/cache
mount -t tmpfs -o size=512m tmpfs /run/cache
cat /dev/zero > /run/cache/blob 2>/dev/null
sleep 200
