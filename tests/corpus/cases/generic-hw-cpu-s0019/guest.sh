# 6.1.0-56-amd64 hw-cpu seed 19
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
knob timeout 3
sleep 1.7
host set_link nic0 off
sleep 2.0
host set_link nic0 on
sleep 1.6
raw_read 189592
raw_read 189592
sleep 1.7
echo m > /proc/sysrq-trigger
sleep 1.0
knob verbose 2600
sleep 1.5
memcg_hog 24M 64
sleep 0.9
cause
host mce 0 1 0x9000000000000175 0x0 0x0 0x0
sleep 3.0
host mce 1 1 0x9000000000000175 0x0 0x0 0x0
sleep 3.0
host mce 0 1 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce -b 0 1 0xb200000000000150 0x6 0x0 0x0
sleep 200
