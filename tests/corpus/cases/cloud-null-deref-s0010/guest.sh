# 6.1.0-56-cloud-amd64 null-deref seed 10
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
knob reset 3
sleep 1.7
memcg_hog 24M 64
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 1.5
modload 8021q 
sleep 1.8
sleep 0.6
cause
knob ring_init 2
sleep 200
