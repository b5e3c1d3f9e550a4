# 6.1.0-56-cloud-amd64 oom seed 5
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
echo w > /proc/sysrq-trigger
sleep 0.6
modload scsi_debug dev_size_mb=8
sleep 1.1
sleep 1.2
knob dma_mask 64
sleep 1.7
knob verbose 2600
sleep 1.5
knob link 1000
sleep 1.4
cause
hog 120 3
sleep 200
