# 6.1.0-56-cloud-amd64 stack-overflow seed 17
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
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.8
knob link 1000
sleep 1.3
raw_read 161424
raw_read 161424
sleep 0.9
memcg_hog 24M 64
sleep 1.2
cpu_flap 3
sleep 1.0
cause
knob walk_async
sleep 200
