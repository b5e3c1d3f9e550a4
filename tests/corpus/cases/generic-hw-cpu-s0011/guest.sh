# 6.1.0-56-amd64 hw-cpu seed 11
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
sleep 1.9
echo 1 > /proc/sys/vm/drop_caches
sleep 1.8
knob link 1000
sleep 1.4
raw_read 133192
raw_read 133192
sleep 1.5
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.1
knob verbose 2600
sleep 1.2
cause
host mce 0 1 0x9000000000000175 0x0 0x0 0x0
sleep 3.0
host mce 0 1 0xb200000000000400 0x6 0x0 0x0
sleep 200
