# 6.12.117+deb12-amd64 hw-memory seed 103
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
sleep 1.1
cpu_flap 1
sleep 1.7
knob dma_mask 64
sleep 0.7
echo l > /proc/sysrq-trigger
sleep 1.1
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.1
cause
host mce 0 2 0x9c0000000000009f 0x0 0xb055300 0x86
sleep 3.0
host mce 0 2 0x9c0000000000009f 0x0 0xe749980 0x86
sleep 3.0
host mce 1 2 0x9c0000000000009f 0x0 0xb406380 0x86
sleep 3.0
host mce -b 1 2 0xbe0000000000009f 0x6 0x7c1d440 0x86
sleep 200
