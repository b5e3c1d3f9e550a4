# 6.12.117+deb12-cloud-amd64 warn-panic seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
modload loop 
sleep 1.1
sleep 1.9
cpu_flap 3
sleep 1.5
echo 1 > /proc/sys/vm/drop_caches
sleep 1.3
raw_read 134016
raw_read 134016
sleep 1.0
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
