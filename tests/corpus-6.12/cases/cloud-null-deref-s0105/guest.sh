# 6.12.117+deb12-cloud-amd64 null-deref seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.3
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 1.1
echo w > /proc/sysrq-trigger
sleep 0.8
knob timeout 3
sleep 1.0
modload tun 
sleep 2.5
sleep 1.4
echo 1 > /proc/sys/vm/drop_caches
sleep 1.2
knob dma_mask 64
sleep 1.2
cause
knob flush 1
sleep 200
