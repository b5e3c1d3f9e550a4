# 6.1.0-56-cloud-amd64 storage-io seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
host set_link nic0 off
sleep 3.0
host set_link nic0 on
sleep 1.9
knob dma_mask 64
sleep 0.6
echo 1 > /proc/sys/vm/drop_caches
sleep 0.8
knob verbose 300
sleep 0.9
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 0.8
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
