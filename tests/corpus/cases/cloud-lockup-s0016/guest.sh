# 6.1.0-56-cloud-amd64 lockup seed 16
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
memcg_hog 24M 48
sleep 0.7
echo t > /proc/sysrq-trigger
sleep 0.6
cause
knob spin_irq 1
sleep 200
