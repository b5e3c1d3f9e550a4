# 6.1.0-56-cloud-amd64 storage-io seed 12
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
memcg_hog 24M 96
sleep 1.9
cpu_flap 3
sleep 1.3
modload dummy numdummies=1
sleep 1.9
modunload dummy
sleep 1.4
echo 3 > /proc/sys/vm/drop_caches
sleep 0.8
knob verbose 1600
sleep 1.4
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
