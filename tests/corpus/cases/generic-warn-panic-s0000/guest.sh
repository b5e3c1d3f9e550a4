# 6.1.0-56-amd64 warn-panic seed 0
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
sleep 2.8
host set_link nic0 off
sleep 2.4
host set_link nic0 on
sleep 1.4
echo l > /proc/sysrq-trigger
sleep 2.0
knob verbose 300
sleep 1.0
modload loop 
sleep 2.6
sleep 1.3
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
