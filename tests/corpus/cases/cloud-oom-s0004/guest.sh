# 6.1.0-56-cloud-amd64 oom seed 4
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
modload null_blk nr_devices=1
sleep 2.9
sleep 1.9
knob link 25000
sleep 0.7
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.5
echo m > /proc/sysrq-trigger
sleep 0.5
cpu_flap 3
sleep 0.9
knob dma_mask 64
sleep 1.2
cause
mkdir -p /run/cache
mount -t tmpfs -o size=512m tmpfs /run/cache
cat /dev/zero > /run/cache/blob 2>/dev/null
sleep 200
