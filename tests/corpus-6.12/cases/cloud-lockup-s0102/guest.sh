# 6.12.117+deb12-cloud-amd64 lockup seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
knob dma_mask 64
sleep 1.6
memcg_hog 24M 96
sleep 1.1
host set_link nic0 off
sleep 2.3
host set_link nic0 on
sleep 0.6
modload 8021q 
sleep 1.2
sleep 1.5
echo l > /proc/sysrq-trigger
sleep 1.6
knob timeout 2
sleep 2.0
cause
knob spin 1
sleep 200
