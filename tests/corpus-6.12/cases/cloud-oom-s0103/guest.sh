# 6.12.117+deb12-cloud-amd64 oom seed 103
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
knob verbose 300
sleep 1.8
knob dma_mask 64
sleep 1.7
echo 3 > /proc/sys/vm/drop_caches
sleep 1.2
knob link 25000
sleep 1.3
cause
knob rx_refill
sleep 1
hog 130 3
sleep 200
