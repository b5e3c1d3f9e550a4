# 6.1.0-56-cloud-amd64 lockup seed 8
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
host set_link nic0 off
sleep 1.9
host set_link nic0 on
sleep 1.5
raw_read 141064
raw_read 141064
sleep 1.2
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.6
memcg_hog 24M 64
sleep 1.1
knob timeout 2
sleep 1.5
knob dma_mask 64
sleep 1.8
cause
knob rearm 1
sleep 200
