# 6.1.0-56-amd64 hw-cpu seed 7
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
raw_read 156856
raw_read 156856
sleep 1.6
knob verbose 300
sleep 1.8
knob reset 1
sleep 0.8
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.5
cause
host mce 0 1 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce 0 1 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
host mce 0 1 0x9000000000000175 0x0 0x0 0x0
sleep 3.0
host mce -b 1 1 0xb200000000000175 0x6 0x0 0x0
sleep 200
