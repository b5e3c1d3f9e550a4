# 6.1.0-56-cloud-amd64 storage-io seed 18
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.8
echo 3 > /proc/sys/vm/drop_caches
sleep 1.0
cpu_flap 2
sleep 1.2
knob dma_mask 64
sleep 0.6
modload loop 
sleep 1.2
modunload loop
sleep 1.0
knob reset 0
sleep 1.4
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
