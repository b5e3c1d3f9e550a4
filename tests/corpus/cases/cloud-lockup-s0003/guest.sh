# 6.1.0-56-cloud-amd64 lockup seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
memcg_hog 24M 96
sleep 1.7
echo 1 > /proc/sys/vm/drop_caches
sleep 2.0
knob dma_mask 64
sleep 0.6
knob reset 3
sleep 1.9
modload 8021q 
sleep 1.6
modunload 8021q
sleep 1.1
host set_link nic0 off
sleep 2.4
host set_link nic0 on
sleep 1.9
cause
knob spin 1
sleep 200
