# 6.1.0-56-cloud-amd64 hung-task seed 13
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
knob dma_mask 64
sleep 0.8
raw_read 182000
raw_read 182000
sleep 1.7
modload loop 
sleep 1.6
modunload loop
sleep 1.7
cause
knob_bg fw_activate
sleep 200
