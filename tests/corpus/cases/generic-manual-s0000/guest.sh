# 6.1.0-56-amd64 manual seed 0
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
memcg_hog 24M 48
sleep 0.9
host set_link nic0 off
sleep 2.1
host set_link nic0 on
sleep 1.5
echo 3 > /proc/sys/vm/drop_caches
sleep 0.5
raw_read 133264
raw_read 133264
sleep 2.0
echo m > /proc/sysrq-trigger
sleep 1.7
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
