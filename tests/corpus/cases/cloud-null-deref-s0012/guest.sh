# 6.1.0-56-cloud-amd64 null-deref seed 12
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
echo w > /proc/sysrq-trigger
sleep 0.9
modload dummy numdummies=1
sleep 2.5
sleep 0.8
memcg_hog 24M 64
sleep 0.9
cause
knob ring_reap 1
sleep 200
