# 6.12.117+deb12-cloud-amd64 null-deref seed 101
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
memcg_hog 24M 48
sleep 1.1
knob verbose 300
sleep 0.6
modload 8021q 
sleep 2.5
modunload 8021q
sleep 0.6
raw_read 158304
raw_read 158304
sleep 1.7
echo t > /proc/sysrq-trigger
sleep 1.0
cause
knob flush 1
sleep 200
