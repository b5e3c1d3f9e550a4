# 6.1.0-56-cloud-amd64 warn-panic seed 6
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
echo 1 > /proc/sys/vm/drop_caches
sleep 0.6
raw_read 138056
raw_read 138056
sleep 1.5
modload loop 
sleep 2.1
modunload loop
sleep 0.5
memcg_hog 24M 96
sleep 1.7
cpu_flap 3
sleep 1.8
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
