# 6.1.0-56-cloud-amd64 assertion seed 12
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.4
knob dma_mask 64
sleep 0.9
raw_read 185336
raw_read 185336
sleep 0.6
echo t > /proc/sysrq-trigger
sleep 1.2
cause
knob resync 1
sleep 200
