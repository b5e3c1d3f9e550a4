# 6.1.0-56-cloud-amd64 hung-task seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
knob dma_mask 64
sleep 1.6
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.9
raw_read 185048
raw_read 185048
sleep 1.9
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
knob verbose 1600
sleep 1.8
echo w > /proc/sysrq-trigger
sleep 1.4
cause
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
