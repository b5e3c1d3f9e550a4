# 6.12.117+deb12-cloud-amd64 stack-overflow seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.0
knob verbose 300
sleep 1.0
raw_read 183624
raw_read 183624
sleep 1.0
memcg_hog 24M 96
sleep 0.8
cause
knob walk_async
sleep 200
