# 6.1.0-56-cloud-amd64 lockup seed 6
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
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.4
knob link 10000
sleep 1.8
cause
knob spin 1
sleep 200
