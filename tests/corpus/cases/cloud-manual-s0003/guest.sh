# 6.1.0-56-cloud-amd64 manual seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
knob dma_mask 64
sleep 0.6
knob verbose 1600
sleep 1.9
echo 1 > /proc/sys/vm/drop_caches
sleep 0.8
host set_link nic0 off
sleep 1.5
host set_link nic0 on
sleep 1.6
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
