# 6.12.117+deb12-cloud-amd64 stack-overflow seed 100
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
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.4
knob dma_mask 64
sleep 0.8
raw_read 144584
raw_read 144584
sleep 1.4
cause
knob walk
sleep 200
