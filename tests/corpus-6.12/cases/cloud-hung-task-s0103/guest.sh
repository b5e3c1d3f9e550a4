# 6.12.117+deb12-cloud-amd64 hung-task seed 103
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
knob dma_mask 64
sleep 0.9
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.5
echo 3 > /proc/sys/vm/drop_caches
sleep 2.0
cause
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
