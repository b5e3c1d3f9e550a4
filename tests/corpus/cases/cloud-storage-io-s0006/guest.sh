# 6.1.0-56-cloud-amd64 storage-io seed 6
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
memcg_hog 24M 96
sleep 1.1
knob dma_mask 64
sleep 0.8
host set_link nic0 off
sleep 2.1
host set_link nic0 on
sleep 1.6
cpu_flap 3
sleep 1.0
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
