# 6.1.0-56-cloud-amd64 manual seed 7
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
sleep 1.5
knob dma_mask 64
sleep 0.7
knob verbose 2600
sleep 1.3
memcg_hog 24M 96
sleep 1.5
echo l > /proc/sysrq-trigger
sleep 2.0
cpu_flap 3
sleep 1.9
echo 3 > /proc/sys/vm/drop_caches
sleep 0.9
cause
host nmi
sleep 200
