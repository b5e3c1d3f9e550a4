# 6.12.117+deb12-amd64 hw-memory seed 100
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
sleep 1.4
knob reset 3
sleep 1.5
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.9
cause
host mce 0 4 0x9c0000000000009f 0x0 0xb36f5c0 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0x4a47600 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0x1ffdc80 0x86
sleep 3.0
host mce -b 0 4 0xbe0000000000009f 0x6 0x7f7ebc0 0x86
sleep 200
