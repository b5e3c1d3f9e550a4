# 6.1.0-56-cloud-amd64 assertion seed 18
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.5
knob dma_mask 64
sleep 1.0
echo t > /proc/sysrq-trigger
sleep 1.5
modload null_blk nr_devices=1
sleep 2.8
sleep 1.0
cause
knob resync 1
sleep 200
