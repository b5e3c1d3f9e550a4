# 6.1.0-56-cloud-amd64 storage-io seed 10
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.5
host set_link nic0 off
sleep 3.0
host set_link nic0 on
sleep 0.7
modload scsi_debug dev_size_mb=8
sleep 2.9
modunload scsi_debug
sleep 1.6
memcg_hog 24M 96
sleep 1.0
echo 3 > /proc/sys/vm/drop_caches
sleep 1.2
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i20 > /dev/null
sleep 200
