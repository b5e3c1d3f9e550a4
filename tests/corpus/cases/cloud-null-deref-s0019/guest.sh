# 6.1.0-56-cloud-amd64 null-deref seed 19
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
memcg_hog 24M 96
sleep 1.0
knob dma_mask 64
sleep 0.6
knob link 10000
sleep 1.3
knob verbose 300
sleep 1.3
cause
knob poll_ms 100
sleep 200
