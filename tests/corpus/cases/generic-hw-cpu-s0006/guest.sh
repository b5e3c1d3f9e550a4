# 6.1.0-56-amd64 hw-cpu seed 6
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
memcg_hog 24M 48
sleep 0.5
raw_read 150776
raw_read 150776
sleep 1.1
modload dummy numdummies=1
sleep 2.2
modunload dummy
sleep 1.6
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 1.8
cause
host mce -b 0 1 0xb200000000000400 0x6 0x0 0x0
sleep 200
