# 6.1.0-56-cloud-amd64 null-deref seed 0
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
cpu_flap 3
sleep 0.8
modload dummy numdummies=1
sleep 2.6
sleep 1.7
knob verbose 1600
sleep 0.8
knob dma_mask 64
sleep 1.0
cause
knob ring_reap 1
sleep 200
