# 6.12.117+deb12-amd64 hw-memory seed 101
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
knob reset 1
sleep 1.9
knob link 25000
sleep 0.6
cause
host mce 1 2 0x9c0000000000009f 0x0 0x363a680 0x86
sleep 3.0
host mce 0 2 0xbe0000000000009f 0x6 0x52831c0 0x86
sleep 200
