# 6.1.0-56-amd64 null-deref seed 2
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
host set_link nic0 off
sleep 2.8
host set_link nic0 on
sleep 0.9
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.6
cause
knob ring_init 2
sleep 200
