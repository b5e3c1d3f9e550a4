# 6.1.0-56-cloud-amd64 null-deref seed 6
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.0
knob verbose 2600
sleep 1.3
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
modload dummy numdummies=1
sleep 2.9
modunload dummy
sleep 1.9
cause
knob ring_init 2
sleep 200
