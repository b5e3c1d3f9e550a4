# 6.1.0-56-cloud-amd64 oom seed 9
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
knob dma_mask 64
sleep 0.9
echo m > /proc/sysrq-trigger
sleep 1.7
modload tun 
sleep 1.8
modunload tun
sleep 1.8
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.7
raw_read 155040
raw_read 155040
sleep 0.7
cause
mkdir -p /run/cache
mount -t tmpfs -o size=512m tmpfs /run/cache
cat /dev/zero > /run/cache/blob 2>/dev/null
sleep 200
