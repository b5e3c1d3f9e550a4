# 6.1.0-56-cloud-amd64 warn-panic seed 11
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
knob reset 2
sleep 1.8
knob dma_mask 64
sleep 0.6
raw_read 194960
raw_read 194960
sleep 0.8
host set_link nic0 off
sleep 2.4
host set_link nic0 on
sleep 1.9
memcg_hog 24M 64
sleep 1.2
set_sysctl kernel.panic_on_warn 1
cause
knob release 1
sleep 200
