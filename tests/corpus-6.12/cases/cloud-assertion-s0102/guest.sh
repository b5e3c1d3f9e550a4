# 6.12.117+deb12-cloud-amd64 assertion seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
knob timeout 0
sleep 1.7
modload 8021q 
sleep 2.2
modunload 8021q
sleep 2.0
echo m > /proc/sysrq-trigger
sleep 1.7
memcg_hog 24M 96
sleep 0.7
raw_read 152344
raw_read 152344
sleep 1.4
cpu_flap 1
sleep 0.7
cause
knob resync 1
sleep 200
