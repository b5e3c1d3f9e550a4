# 6.1.0-56-amd64 hw-cpu seed 9
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
cpu_flap 2
sleep 1.1
echo 1 > /proc/sys/vm/drop_caches
sleep 1.5
knob dma_mask 64
sleep 1.0
raw_read 163744
raw_read 163744
sleep 0.8
cause
host mce -b 0 5 0xb200000000000175 0x6 0x0 0x0
sleep 200
