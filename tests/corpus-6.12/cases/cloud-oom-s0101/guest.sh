# 6.12.117+deb12-cloud-amd64 oom seed 101
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.6
cpu_flap 1
sleep 1.7
cause
knob prealloc
sleep 200
