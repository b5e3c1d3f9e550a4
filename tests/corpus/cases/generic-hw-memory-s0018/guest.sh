# 6.1.0-56-amd64 hw-memory seed 18
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
echo m > /proc/sysrq-trigger
sleep 0.8
echo 1 > /proc/sys/vm/drop_caches
sleep 1.5
cause
host mce -b 1 4 0xbe0000000000009f 0x6 0xc912f00 0x86
sleep 200
