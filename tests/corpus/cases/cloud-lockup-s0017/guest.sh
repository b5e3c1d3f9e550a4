# 6.1.0-56-cloud-amd64 lockup seed 17
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
modload tun 
sleep 2.0
sleep 1.2
knob dma_mask 64
sleep 1.7
knob verbose 1600
sleep 1.2
cause
knob rearm 1
sleep 200
