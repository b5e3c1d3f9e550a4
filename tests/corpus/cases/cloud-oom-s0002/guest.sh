# 6.1.0-56-cloud-amd64 oom seed 2
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
echo l > /proc/sysrq-trigger
sleep 0.7
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
host set_link nic0 off
sleep 2.0
host set_link nic0 on
sleep 0.7
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.0
cpu_flap 1
sleep 1.3
modload 8021q 
sleep 2.1
modunload 8021q
sleep 1.5
cause
memcg_hog 24M 96
sleep 200
