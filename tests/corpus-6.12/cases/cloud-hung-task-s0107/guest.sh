# 6.12.117+deb12-cloud-amd64 hung-task seed 107
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
raw_read 163400
raw_read 163400
sleep 0.9
echo l > /proc/sysrq-trigger
sleep 1.4
echo 1 > /proc/sys/vm/drop_caches
sleep 0.7
knob reset 1
sleep 1.0
knob dma_mask 64
sleep 1.1
host set_link nic0 off
sleep 1.6
host set_link nic0 on
sleep 0.7
cause
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
