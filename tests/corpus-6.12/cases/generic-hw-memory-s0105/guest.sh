# 6.12.117+deb12-amd64 hw-memory seed 105
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
sleep 2.6
raw_read 162264
raw_read 162264
sleep 1.0
knob timeout 0
sleep 0.7
echo m > /proc/sysrq-trigger
sleep 1.6
modload loop 
sleep 1.6
modunload loop
sleep 0.9
echo 3 > /proc/sys/vm/drop_caches
sleep 1.4
knob dma_mask 64
sleep 1.6
cause
host mce -b 0 4 0xbe0000000000009f 0x6 0x7fb3240 0x86
sleep 200
