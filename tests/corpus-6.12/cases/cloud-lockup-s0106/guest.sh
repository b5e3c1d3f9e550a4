# 6.12.117+deb12-cloud-amd64 lockup seed 106
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
echo 3 > /proc/sys/vm/drop_caches
sleep 1.1
knob verbose 2600
sleep 1.3
modload dummy numdummies=1
sleep 2.6
modunload dummy
sleep 0.6
cause
knob spin_irq 1
sleep 200
