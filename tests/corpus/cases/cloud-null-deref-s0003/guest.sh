# 6.1.0-56-cloud-amd64 null-deref seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
memcg_hog 24M 48
sleep 1.3
echo 3 > /proc/sys/vm/drop_caches
sleep 1.9
raw_read 136072
raw_read 136072
sleep 0.8
modload tun 
sleep 2.1
modunload tun
sleep 1.0
cause
knob poll_ms 100
sleep 200
