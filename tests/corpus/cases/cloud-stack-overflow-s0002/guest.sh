# 6.1.0-56-cloud-amd64 stack-overflow seed 2
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.4
raw_read 160128
raw_read 160128
sleep 0.5
knob verbose 300
sleep 1.4
memcg_hog 24M 64
sleep 0.6
knob link 25000
sleep 1.1
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.5
cause
knob walk
sleep 200
