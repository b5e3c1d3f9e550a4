# 6.1.0-56-cloud-amd64 storage-io seed 8
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.3
knob reset 1
sleep 1.8
knob link 10000
sleep 1.9
memcg_hog 24M 96
sleep 1.0
modload loop 
sleep 1.5
modunload loop
sleep 1.0
echo 3 > /proc/sys/vm/drop_caches
sleep 0.5
echo t > /proc/sysrq-trigger
sleep 1.1
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 17856
raw_write 17856
raw_read 18136
raw_write 18136
raw_read 18688
raw_write 18688
raw_read 19104
raw_write 19104
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
