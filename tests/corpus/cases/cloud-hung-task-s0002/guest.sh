# 6.1.0-56-cloud-amd64 hung-task seed 2
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
memcg_hog 24M 64
sleep 1.1
knob timeout 3
sleep 0.8
knob link 25000
sleep 1.5
modload tun 
sleep 1.3
sleep 0.9
echo 1 > /proc/sys/vm/drop_caches
sleep 2.0
raw_read 164096
raw_read 164096
sleep 1.0
cause
knob_bg drain
sleep 200
