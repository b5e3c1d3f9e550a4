# 6.1.0-56-amd64 hw-memory seed 6
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
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
echo l > /proc/sysrq-trigger
sleep 0.8
modload 8021q 
sleep 2.6
modunload 8021q
sleep 0.6
knob dma_mask 64
sleep 0.9
knob timeout 3
sleep 1.4
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 0.7
cause
host mce -b 1 2 0xbe0000000000009f 0x6 0xf9f10c0 0x86
sleep 200
