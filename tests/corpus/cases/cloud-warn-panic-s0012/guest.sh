# 6.1.0-56-cloud-amd64 warn-panic seed 12
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
cpu_flap 3
sleep 0.7
knob dma_mask 64
sleep 0.7
memcg_hog 24M 48
sleep 0.5
knob timeout 2
sleep 0.5
raw_read 134360
raw_read 134360
sleep 0.5
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
