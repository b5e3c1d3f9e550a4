# 6.12.117+deb12-cloud-amd64 lockup seed 101
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
raw_read 160336
raw_read 160336
sleep 1.1
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.8
knob verbose 2600
sleep 2.0
host set_link nic0 off
sleep 1.9
host set_link nic0 on
sleep 1.8
knob dma_mask 64
sleep 2.0
cause
knob rearm 1
sleep 200
