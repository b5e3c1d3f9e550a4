# 6.1.0-56-amd64 hw-memory seed 8
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
sleep 1.8
modload dummy numdummies=1
sleep 2.0
sleep 0.6
cpu_flap 3
sleep 1.8
echo m > /proc/sysrq-trigger
sleep 1.7
knob dma_mask 64
sleep 1.2
cause
host mce 1 4 0x9c0000000000009f 0x0 0x1ea5100 0x86
sleep 3.0
host mce 0 4 0xbe0000000000009f 0x6 0xbcbbbc0 0x86
sleep 200
