# 6.1.0-56-cloud-amd64 lockup seed 19
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.5
echo w > /proc/sysrq-trigger
sleep 0.5
knob link 10000
sleep 1.0
knob verbose 1600
sleep 1.6
cause
knob spin_irq 1
sleep 200
