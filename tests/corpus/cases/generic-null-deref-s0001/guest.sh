# 6.1.0-56-amd64 null-deref seed 1
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 2.1
echo 3 > /proc/sys/vm/drop_caches
sleep 0.7
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.4
modload dummy numdummies=1
sleep 1.0
modunload dummy
sleep 1.9
cause
knob flush 1
sleep 200
