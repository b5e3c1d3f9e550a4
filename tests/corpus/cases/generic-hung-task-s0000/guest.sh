# 6.1.0-56-amd64 hung-task seed 0
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
sleep 2.0
echo t > /proc/sysrq-trigger
sleep 0.7
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.2
knob timeout 2
sleep 1.5
cause
knob abba
sleep 200
