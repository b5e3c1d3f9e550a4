# 6.1.0-56-cloud-amd64 lockup seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.8
knob dma_mask 64
sleep 0.9
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.7
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 1.6
cause
knob spin 1
sleep 200
