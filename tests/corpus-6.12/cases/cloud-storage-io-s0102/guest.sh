# 6.12.117+deb12-cloud-amd64 storage-io seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
echo w > /proc/sysrq-trigger
sleep 1.9
host set_link nic0 off
sleep 2.3
host set_link nic0 on
sleep 0.9
modload tun 
sleep 2.8
modunload tun
sleep 1.3
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
