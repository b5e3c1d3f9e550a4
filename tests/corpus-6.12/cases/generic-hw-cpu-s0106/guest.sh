# 6.12.117+deb12-amd64 hw-cpu seed 106
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
sleep 2.8
memcg_hog 24M 64
sleep 1.8
echo t > /proc/sysrq-trigger
sleep 2.0
knob dma_mask 64
sleep 1.7
host set_link nic0 off
sleep 2.6
host set_link nic0 on
sleep 1.0
modload null_blk nr_devices=1
sleep 1.9
modunload null_blk
sleep 1.5
echo 3 > /proc/sys/vm/drop_caches
sleep 1.9
cause
host mce 1 0 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce 1 0 0x9000000000000175 0x0 0x0 0x0
sleep 3.0
host mce 0 0 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce -b 1 0 0xb200000000000175 0x6 0x0 0x0
sleep 200
