# 6.1.0-56-cloud-amd64 null-deref seed 13
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
echo 1 > /proc/sys/vm/drop_caches
sleep 1.8
knob verbose 2600
sleep 1.3
modload 8021q 
sleep 2.6
sleep 1.4
knob dma_mask 64
sleep 2.0
host set_link nic0 off
sleep 2.5
host set_link nic0 on
sleep 1.3
cause
knob flush 1
sleep 200
