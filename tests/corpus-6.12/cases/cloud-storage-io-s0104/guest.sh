# 6.12.117+deb12-cloud-amd64 storage-io seed 104
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
modload null_blk nr_devices=1
sleep 1.0
modunload null_blk
sleep 1.0
knob verbose 800
sleep 0.8
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 17288
raw_write 17288
raw_read 18152
raw_write 18152
raw_read 19144
raw_write 19144
raw_read 18216
raw_write 18216
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
