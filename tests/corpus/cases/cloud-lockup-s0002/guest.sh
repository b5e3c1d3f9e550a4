# 6.1.0-56-cloud-amd64 lockup seed 2
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
raw_read 163864
raw_read 163864
sleep 1.0
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
knob dma_mask 64
sleep 1.2
modload dummy numdummies=1
sleep 1.6
modunload dummy
sleep 1.5
memcg_hog 24M 64
sleep 1.8
cause
knob rearm 1
sleep 200
