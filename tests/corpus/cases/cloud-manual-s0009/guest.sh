# 6.1.0-56-cloud-amd64 manual seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
echo 3 > /proc/sys/vm/drop_caches
sleep 1.5
knob link 1000
sleep 0.6
memcg_hog 24M 96
sleep 1.2
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
