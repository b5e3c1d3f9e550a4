# 6.1.0-56-cloud-amd64 oom seed 17
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.3
echo 3 > /proc/sys/vm/drop_caches
sleep 1.9
echo w > /proc/sysrq-trigger
sleep 1.1
knob verbose 300
sleep 0.7
knob dma_mask 64
sleep 1.0
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.9
modload null_blk nr_devices=1
sleep 1.9
modunload null_blk
sleep 0.6
cause
memcg_hog 32M 96
sleep 200
