# 6.1.0-56-cloud-amd64 assertion seed 0
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
cpu_flap 1
sleep 1.8
memcg_hog 24M 48
sleep 1.3
knob dma_mask 64
sleep 0.9
echo 3 > /proc/sys/vm/drop_caches
sleep 0.5
host set_link nic0 off
sleep 2.9
host set_link nic0 on
sleep 1.6
cause
knob resync 1
sleep 200
