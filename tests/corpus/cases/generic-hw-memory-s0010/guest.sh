# 6.1.0-56-amd64 hw-memory seed 10
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
sleep 1.3
modload loop 
sleep 2.6
sleep 1.7
cpu_flap 1
sleep 1.8
raw_read 194784
raw_read 194784
sleep 1.4
cause
host mce 0 2 0x9c0000000000009f 0x0 0xa68dbc0 0x86
sleep 3.0
host mce 1 2 0x9c0000000000009f 0x0 0x9632540 0x86
sleep 3.0
host mce 0 2 0x9c0000000000009f 0x0 0xec36e40 0x86
sleep 3.0
host mce -b 1 2 0xbe0000000000009f 0x6 0x331a380 0x86
sleep 200
