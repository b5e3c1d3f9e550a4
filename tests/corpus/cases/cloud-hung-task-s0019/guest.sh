# 6.1.0-56-cloud-amd64 hung-task seed 19
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
raw_read 140720
raw_read 140720
sleep 1.3
modload 8021q 
sleep 2.5
modunload 8021q
sleep 1.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.2
memcg_hog 24M 96
sleep 1.0
cause
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
