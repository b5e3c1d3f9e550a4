# 6.1.0-56-amd64 hw-memory seed 13
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
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.4
knob reset 3
sleep 0.7
echo l > /proc/sysrq-trigger
sleep 1.5
cause
host mce 0 2 0x9c0000000000009f 0x0 0x1587300 0x86
sleep 3.0
host mce 0 2 0x9c0000000000009f 0x0 0xa355900 0x86
sleep 3.0
host mce 0 2 0x9c0000000000009f 0x0 0xba0b400 0x86
sleep 3.0
host mce -b 1 2 0xbe0000000000009f 0x6 0xcfc7a40 0x86
sleep 200
