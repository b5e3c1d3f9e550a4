# 6.1.0-56-cloud-amd64 stack-overflow seed 11
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
cpu_flap 2
sleep 1.4
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.0
raw_read 171160
raw_read 171160
sleep 1.8
modload 8021q 
sleep 1.4
modunload 8021q
sleep 1.6
echo 3 > /proc/sys/vm/drop_caches
sleep 1.4
echo w > /proc/sysrq-trigger
sleep 1.1
cause
knob walk_async
sleep 200
