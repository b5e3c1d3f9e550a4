# 6.12.117+deb12-amd64 hw-cpu seed 101
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
sleep 2.1
echo 1 > /proc/sys/vm/drop_caches
sleep 1.8
knob reset 2
sleep 0.9
cause
host mce 1 0 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce 1 0 0xb200000000000175 0x6 0x0 0x0
sleep 200
