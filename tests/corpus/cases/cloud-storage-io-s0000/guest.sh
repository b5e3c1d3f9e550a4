# 6.1.0-56-cloud-amd64 storage-io seed 0
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.2
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.6
modload null_blk nr_devices=1
sleep 2.3
modunload null_blk
sleep 1.1
knob timeout 0
sleep 1.5
knob dma_mask 64
sleep 0.6
knob link 1000
sleep 1.8
knob verbose 800
sleep 1.2
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/archive/* > /dev/null 2>&1
sleep 200
