# 6.1.0-56-cloud-amd64 null-deref seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
echo 1 > /proc/sys/vm/drop_caches
sleep 1.6
knob dma_mask 64
sleep 0.6
modload scsi_debug dev_size_mb=8
sleep 2.6
sleep 0.7
cause
knob flush 1
sleep 200
