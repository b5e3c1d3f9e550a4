# 6.1.0-56-amd64 stack-overflow seed 0
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
sleep 1.8
echo t > /proc/sysrq-trigger
sleep 0.6
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.5
knob timeout 1
sleep 0.6
cause
knob walk
sleep 200
