# 6.12.117+deb12-cloud-amd64 assertion seed 100
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
echo w > /proc/sysrq-trigger
sleep 1.8
memcg_hog 24M 48
sleep 1.5
modload dummy numdummies=1
sleep 1.8
modunload dummy
sleep 1.2
knob reset 2
sleep 1.1
cause
knob commit 7
sleep 200
