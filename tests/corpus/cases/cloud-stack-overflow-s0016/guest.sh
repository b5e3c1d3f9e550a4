# 6.1.0-56-cloud-amd64 stack-overflow seed 16
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
echo t > /proc/sysrq-trigger
sleep 0.9
echo 1 > /proc/sys/vm/drop_caches
sleep 1.2
cpu_flap 3
sleep 1.8
memcg_hog 24M 96
sleep 1.2
cause
knob walk
sleep 200
