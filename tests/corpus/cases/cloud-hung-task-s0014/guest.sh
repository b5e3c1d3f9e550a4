# 6.1.0-56-cloud-amd64 hung-task seed 14
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
sleep 0.6
memcg_hog 24M 96
sleep 1.1
echo w > /proc/sysrq-trigger
sleep 1.4
cause
knob_bg drain
sleep 200
