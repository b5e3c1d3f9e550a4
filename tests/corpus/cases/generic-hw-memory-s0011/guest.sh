# 6.1.0-56-amd64 hw-memory seed 11
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
sleep 2.5
knob link 25000
sleep 1.1
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.9
echo w > /proc/sysrq-trigger
sleep 1.3
cpu_flap 1
sleep 1.0
cause
host mce 0 3 0x9c0000000000009f 0x0 0xdfc08c0 0x86
sleep 3.0
host mce 0 3 0xbe0000000000009f 0x6 0x76c1040 0x86
sleep 200
