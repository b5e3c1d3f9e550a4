# 6.1.0-56-amd64 hw-memory seed 7
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
sleep 1.6
raw_read 177120
raw_read 177120
sleep 2.0
knob reset 2
sleep 1.1
knob dma_mask 64
sleep 1.2
modload 8021q 
sleep 1.9
sleep 0.6
echo 1 > /proc/sys/vm/drop_caches
sleep 0.5
memcg_hog 24M 96
sleep 1.2
cause
host mce 0 2 0x9c0000000000009f 0x0 0x2822d80 0x86
sleep 3.0
host mce 1 2 0x9c0000000000009f 0x0 0xd0fb240 0x86
sleep 3.0
host mce 1 2 0x9c0000000000009f 0x0 0x5ca30c0 0x86
sleep 3.0
host mce -b 1 2 0xbe0000000000009f 0x6 0x10867c0 0x86
sleep 200
