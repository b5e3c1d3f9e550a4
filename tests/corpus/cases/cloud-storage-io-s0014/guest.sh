# 6.1.0-56-cloud-amd64 storage-io seed 14
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
knob reset 1
sleep 1.5
knob dma_mask 64
sleep 0.6
knob verbose 1600
sleep 0.9
host set_link nic0 off
sleep 1.5
host set_link nic0 on
sleep 2.0
cause
echo 3 > /proc/sys/vm/drop_caches
raw_read 18840
raw_write 18840
raw_read 18160
raw_write 18160
raw_read 17128
raw_write 17128
raw_read 17888
raw_write 17888
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
