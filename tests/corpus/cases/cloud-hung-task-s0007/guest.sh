# 6.1.0-56-cloud-amd64 hung-task seed 7
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
knob dma_mask 64
sleep 1.7
memcg_hog 24M 48
sleep 0.7
knob reset 3
sleep 1.3
knob verbose 800
sleep 1.5
cause
host block_set_io_throttle d0 0 0 512 0 0 0
sleep 200
