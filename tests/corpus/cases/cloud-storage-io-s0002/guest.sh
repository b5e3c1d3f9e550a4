# 6.1.0-56-cloud-amd64 storage-io seed 2
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
echo 3 > /proc/sys/vm/drop_caches
sleep 0.6
cpu_flap 1
sleep 0.8
knob dma_mask 64
sleep 1.1
knob verbose 300
sleep 0.9
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.9
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 17120
raw_write 17120
raw_read 19080
raw_write 19080
raw_read 17952
raw_write 17952
raw_read 17304
raw_write 17304
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
