# 6.1.0-56-cloud-amd64 lockup seed 13
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
knob verbose 2600
sleep 1.5
knob timeout 3
sleep 1.7
memcg_hog 24M 48
sleep 0.9
cause
knob spin_irq 1
sleep 200
