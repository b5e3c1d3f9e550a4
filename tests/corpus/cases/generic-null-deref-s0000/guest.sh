# 6.1.0-56-amd64 null-deref seed 0
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
sleep 1.7
knob link 1000
sleep 0.7
cpu_flap 3
sleep 1.3
memcg_hog 24M 48
sleep 1.6
host mce 0 3 0x9c0000000000009f 0x0 0xb7c5440 0x86
sleep 3.0
sleep 0.6
modload loop 
sleep 2.7
modunload loop
sleep 1.0
knob timeout 1
sleep 1.9
cause
knob ring_reap 1
sleep 200
