# 6.1.0-56-cloud-amd64 stack-overflow seed 4
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
knob verbose 2600
sleep 0.6
raw_read 159920
raw_read 159920
sleep 1.9
cause
knob walk
sleep 200
