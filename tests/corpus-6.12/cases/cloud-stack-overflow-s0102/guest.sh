# 6.12.117+deb12-cloud-amd64 stack-overflow seed 102
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
raw_read 169400
raw_read 169400
sleep 1.1
cpu_flap 2
sleep 1.1
memcg_hog 24M 64
sleep 1.1
knob verbose 800
sleep 1.7
knob dma_mask 64
sleep 1.4
cause
knob walk
sleep 200
