# 6.12.117+deb12-cloud-amd64 null-deref seed 103
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
echo 1 > /proc/sys/vm/drop_caches
sleep 0.8
cpu_flap 3
sleep 1.6
knob dma_mask 64
sleep 0.6
cause
knob poll_ms 100
sleep 200
