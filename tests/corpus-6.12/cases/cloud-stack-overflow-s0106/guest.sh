# 6.12.117+deb12-cloud-amd64 stack-overflow seed 106
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
knob timeout 2
sleep 0.5
knob verbose 2600
sleep 1.4
memcg_hog 24M 48
sleep 1.5
modload 8021q 
sleep 2.5
sleep 1.4
knob dma_mask 64
sleep 0.9
cause
knob walk
sleep 200
