# 6.12.117+deb12-amd64 hw-memory seed 104
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
knob dma_mask 64
sleep 0.9
cpu_flap 3
sleep 1.8
echo l > /proc/sysrq-trigger
sleep 2.0
cause
host mce 0 2 0x9c0000000000009f 0x0 0xc9a6e40 0x86
sleep 3.0
host mce 0 2 0xbe0000000000009f 0x6 0xad4dcc0 0x86
sleep 200
