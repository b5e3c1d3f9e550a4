# 6.12.117+deb12-cloud-amd64 warn-panic seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
raw_read 149352
raw_read 149352
sleep 1.3
cpu_flap 2
sleep 0.8
knob link 25000
sleep 1.4
knob dma_mask 64
sleep 1.1
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
