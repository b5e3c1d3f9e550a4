# 6.12.117+deb12-cloud-amd64 null-deref seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
echo t > /proc/sysrq-trigger
sleep 1.5
knob reset 0
sleep 1.0
memcg_hog 24M 64
sleep 1.9
knob verbose 800
sleep 1.9
cause
knob ring_init 2
sleep 200
