# 6.12.117+deb12-cloud-amd64 manual seed 105
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
knob verbose 1600
sleep 1.0
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.0
memcg_hog 24M 96
sleep 1.1
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
