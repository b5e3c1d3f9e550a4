# 6.1.0-56-cloud-amd64 oom seed 1
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.1
cpu_flap 1
sleep 1.2
raw_read 168024
raw_read 168024
sleep 0.8
cause
knob prealloc
sleep 200
