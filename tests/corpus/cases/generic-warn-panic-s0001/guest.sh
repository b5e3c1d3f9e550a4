# 6.1.0-56-amd64 warn-panic seed 1
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
memcg_hog 24M 48
sleep 1.1
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.9
cpu_flap 2
sleep 0.8
echo t > /proc/sysrq-trigger
sleep 0.9
set_sysctl kernel.panic_on_warn 1
cause
knob ring_size 300
sleep 200
