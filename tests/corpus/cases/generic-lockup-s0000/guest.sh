# 6.1.0-56-amd64 lockup seed 0
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
sleep 1.2
echo 1 > /proc/sys/vm/drop_caches
sleep 0.6
knob timeout 3
sleep 0.9
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.7
echo l > /proc/sysrq-trigger
sleep 2.0
cause
knob spin 1
sleep 200
