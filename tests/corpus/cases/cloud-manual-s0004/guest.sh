# 6.1.0-56-cloud-amd64 manual seed 4
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.unknown_nmi_panic 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
modload null_blk nr_devices=1
sleep 2.6
modunload null_blk
sleep 0.6
knob dma_mask 64
sleep 1.8
memcg_hog 24M 64
sleep 0.8
cpu_flap 3
sleep 1.7
echo 3 > /proc/sys/vm/drop_caches
sleep 0.8
knob reset 1
sleep 1.6
cause
host nmi
sleep 200
