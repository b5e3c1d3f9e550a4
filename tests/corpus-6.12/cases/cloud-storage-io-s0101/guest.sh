# 6.12.117+deb12-cloud-amd64 storage-io seed 101
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
cpu_flap 2
sleep 0.8
echo w > /proc/sysrq-trigger
sleep 0.7
knob dma_mask 64
sleep 0.7
modload loop 
sleep 1.7
modunload loop
sleep 0.9
knob link 25000
sleep 1.3
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 18264
raw_write 18264
raw_read 19000
raw_write 19000
raw_read 18840
raw_write 18840
raw_read 17200
raw_write 17200
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
