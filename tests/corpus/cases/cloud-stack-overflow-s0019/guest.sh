# 6.1.0-56-cloud-amd64 stack-overflow seed 19
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.1
knob verbose 800
sleep 1.3
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
knob dma_mask 64
sleep 0.8
cause
knob walk_async
sleep 200
