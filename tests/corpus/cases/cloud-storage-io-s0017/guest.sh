# 6.1.0-56-cloud-amd64 storage-io seed 17
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
knob verbose 2600
sleep 0.7
knob dma_mask 64
sleep 1.4
cpu_flap 3
sleep 1.5
knob reset 1
sleep 1.4
modload loop 
sleep 3.0
sleep 1.4
knob link 10000
sleep 1.3
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 17376
raw_write 17376
raw_read 18912
raw_write 18912
raw_read 17408
raw_write 17408
raw_read 17192
raw_write 17192
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
