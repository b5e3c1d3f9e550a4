# 6.1.0-56-cloud-amd64 null-deref seed 11
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
memcg_hog 24M 64
sleep 0.9
echo 3 > /proc/sys/vm/drop_caches
sleep 1.0
modload tun 
sleep 1.7
modunload tun
sleep 0.8
cause
knob poll_ms 100
sleep 200
