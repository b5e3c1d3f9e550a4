# 6.1.0-56-amd64 hw-memory seed 4
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
sleep 1.7
knob dma_mask 64
sleep 1.5
knob verbose 300
sleep 0.6
raw_read 174224
raw_read 174224
sleep 1.1
echo 3 > /proc/sys/vm/drop_caches
sleep 0.7
knob reset 3
sleep 1.5
host set_link nic0 off
sleep 2.9
host set_link nic0 on
sleep 1.6
cause
host mce 1 3 0x9c0000000000009f 0x0 0xd547540 0x86
sleep 3.0
host mce 1 3 0x9c0000000000009f 0x0 0xfde8a80 0x86
sleep 3.0
host mce 1 3 0x9c0000000000009f 0x0 0x2b8b800 0x86
sleep 3.0
host mce -b 0 3 0xbe0000000000009f 0x6 0x3806e80 0x86
sleep 200
