# 6.1.0-56-amd64 hw-memory seed 17
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
sleep 2.4
echo t > /proc/sysrq-trigger
sleep 0.9
memcg_hog 24M 64
sleep 0.9
raw_read 163720
raw_read 163720
sleep 0.6
knob timeout 3
sleep 1.9
knob verbose 300
sleep 1.5
knob dma_mask 64
sleep 1.1
cause
host mce 0 2 0x9c0000000000009f 0x0 0x3d882c0 0x86
sleep 3.0
host mce 0 2 0xbe0000000000009f 0x6 0x13971c0 0x86
sleep 200
