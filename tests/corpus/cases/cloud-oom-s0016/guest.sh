# 6.1.0-56-cloud-amd64 oom seed 16
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
knob dma_mask 64
sleep 1.3
modload null_blk nr_devices=1
sleep 2.3
sleep 1.4
raw_read 170992
raw_read 170992
sleep 1.0
cpu_flap 3
sleep 1.9
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.7
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
cause
knob prealloc
sleep 200
