# 6.1.0-56-amd64 hw-cpu seed 12
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
modload loop 
sleep 2.4
modunload loop
sleep 1.3
memcg_hog 24M 64
sleep 1.9
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.4
cause
host mce -b 1 1 0xb200000000000400 0x6 0x0 0x0
sleep 200
