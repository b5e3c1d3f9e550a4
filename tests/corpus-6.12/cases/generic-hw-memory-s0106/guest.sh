# 6.12.117+deb12-amd64 hw-memory seed 106
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
echo t > /proc/sysrq-trigger
sleep 1.4
cpu_flap 2
sleep 1.7
knob timeout 0
sleep 1.8
knob dma_mask 64
sleep 1.7
raw_read 151216
raw_read 151216
sleep 1.0
knob verbose 1600
sleep 1.5
cause
host mce 0 4 0x9c0000000000009f 0x0 0xaa46980 0x86
sleep 3.0
host mce 0 4 0x9c0000000000009f 0x0 0x5696c00 0x86
sleep 3.0
host mce 0 4 0x9c0000000000009f 0x0 0xcf21740 0x86
sleep 3.0
host mce -b 1 4 0xbe0000000000009f 0x6 0x29f3ec0 0x86
sleep 200
