# 6.12.117+deb12-cloud-amd64 assertion seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.0
knob verbose 300
sleep 1.8
memcg_hog 24M 64
sleep 1.6
raw_read 154112
raw_read 154112
sleep 0.8
echo l > /proc/sysrq-trigger
sleep 1.6
cpu_flap 2
sleep 0.9
cause
knob resync 1
sleep 200
