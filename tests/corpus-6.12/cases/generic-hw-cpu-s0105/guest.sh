# 6.12.117+deb12-amd64 hw-cpu seed 105
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
sleep 1.8
echo 3 > /proc/sys/vm/drop_caches
sleep 0.9
knob reset 1
sleep 1.6
knob verbose 2600
sleep 1.2
host set_link nic0 off
sleep 1.8
host set_link nic0 on
sleep 0.9
cause
host mce -b 1 5 0xb200000000000400 0x6 0x0 0x0
sleep 200
