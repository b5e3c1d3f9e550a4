# 6.1.0-56-cloud-amd64 stack-overflow seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.8
cpu_flap 2
sleep 2.0
memcg_hog 24M 48
sleep 1.7
modload scsi_debug dev_size_mb=8
sleep 2.1
modunload scsi_debug
sleep 1.4
cause
knob walk_async
sleep 200
