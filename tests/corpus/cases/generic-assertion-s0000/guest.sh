# 6.1.0-56-amd64 assertion seed 0
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
sleep 2.4
echo m > /proc/sysrq-trigger
sleep 0.5
knob verbose 2600
sleep 0.6
cpu_flap 2
sleep 1.6
modload loop 
sleep 2.3
modunload loop
sleep 0.9
cause
knob resync 1
sleep 200
