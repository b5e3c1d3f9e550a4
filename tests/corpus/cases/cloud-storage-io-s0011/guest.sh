# 6.1.0-56-cloud-amd64 storage-io seed 11
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
knob reset 2
sleep 0.8
cpu_flap 1
sleep 0.9
knob link 25000
sleep 1.0
knob verbose 2600
sleep 0.5
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
knob dma_mask 64
sleep 0.8
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 18856
raw_write 18856
raw_read 17200
raw_write 17200
raw_read 18000
raw_write 18000
raw_read 17960
raw_write 17960
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
