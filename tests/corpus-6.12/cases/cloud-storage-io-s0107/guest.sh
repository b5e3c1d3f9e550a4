# 6.12.117+deb12-cloud-amd64 storage-io seed 107
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
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.0
memcg_hog 24M 96
sleep 1.7
modload dummy numdummies=1
sleep 1.1
modunload dummy
sleep 1.9
echo 1 > /proc/sys/vm/drop_caches
sleep 0.6
knob link 10000
sleep 1.9
knob verbose 300
sleep 0.6
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 18200
raw_write 18200
raw_read 18432
raw_write 18432
raw_read 18488
raw_write 18488
raw_read 18104
raw_write 18104
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
