# 6.1.0-56-cloud-amd64 storage-io seed 5
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
memcg_hog 24M 64
sleep 2.0
cpu_flap 3
sleep 1.6
knob verbose 800
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 1.4
knob reset 0
sleep 1.7
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 18360
raw_write 18360
raw_read 18472
raw_write 18472
raw_read 18072
raw_write 18072
raw_read 17736
raw_write 17736
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
