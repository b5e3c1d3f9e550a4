# 6.12.117+deb12-amd64 hw-cpu seed 102
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
sleep 1.5
raw_read 148376
raw_read 148376
sleep 1.0
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.5
cpu_flap 1
sleep 1.8
knob verbose 2600
sleep 1.7
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
knob dma_mask 64
sleep 0.9
cause
host mce -b 1 5 0xb200000000000400 0x6 0x0 0x0
sleep 200
