# 6.1.0-56-amd64 hw-memory seed 14
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
knob verbose 800
sleep 1.7
echo 1 > /proc/sys/vm/drop_caches
sleep 1.3
knob timeout 1
sleep 1.9
knob dma_mask 64
sleep 1.3
memcg_hog 24M 48
sleep 1.9
cause
host mce 1 3 0x9c0000000000009f 0x0 0x258a540 0x86
sleep 3.0
host mce 1 3 0xbe0000000000009f 0x6 0xc5473c0 0x86
sleep 200
