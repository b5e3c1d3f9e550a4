# 6.1.0-56-cloud-amd64 oom seed 0
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
knob link 10000
sleep 1.0
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.0
cause
hog 150 3
sleep 200
