# 6.12.117+deb12-cloud-amd64 stack-overflow seed 107
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.1
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.8
knob reset 3
sleep 0.5
cause
knob walk_async
sleep 200
