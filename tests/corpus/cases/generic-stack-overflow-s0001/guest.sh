# 6.1.0-56-amd64 stack-overflow seed 1
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
sleep 2.2
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 2.0
echo w > /proc/sysrq-trigger
sleep 1.4
knob verbose 300
sleep 0.7
modload 8021q 
sleep 1.3
modunload 8021q
sleep 1.9
cause
knob walk_async
sleep 200
