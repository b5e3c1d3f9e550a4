# 6.1.0-56-cloud-amd64 warn-panic seed 19
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
memcg_hog 24M 64
sleep 1.8
knob dma_mask 64
sleep 1.7
raw_read 188168
raw_read 188168
sleep 1.6
knob verbose 2600
sleep 1.8
cpu_flap 1
sleep 0.7
set_sysctl kernel.panic_on_warn 1
cause
knob ring_size 300
sleep 200
