# 6.1.0-56-amd64 hw-memory seed 0
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
sleep 2.9
host set_link nic0 off
sleep 1.5
host set_link nic0 on
sleep 0.8
echo t > /proc/sysrq-trigger
sleep 1.2
raw_read 182384
raw_read 182384
sleep 1.0
knob timeout 1
sleep 1.4
cpu_flap 3
sleep 1.6
cause
host mce -b 0 2 0xbe0000000000009f 0x6 0x7e98a80 0x86
sleep 200
