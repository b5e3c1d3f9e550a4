# 6.1.0-56-cloud-amd64 hung-task seed 8
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.6
knob verbose 300
sleep 1.8
raw_read 183432
raw_read 183432
sleep 0.7
cause
knob abba
sleep 200
