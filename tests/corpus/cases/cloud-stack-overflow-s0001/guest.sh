# 6.1.0-56-cloud-amd64 stack-overflow seed 1
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
modload null_blk nr_devices=1
sleep 2.8
modunload null_blk
sleep 0.9
memcg_hog 24M 96
sleep 2.0
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.7
cause
knob walk_async
sleep 200
