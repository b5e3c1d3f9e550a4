# 6.12.117+deb12-cloud-amd64 lockup seed 103
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.9
knob dma_mask 64
sleep 1.3
echo w > /proc/sysrq-trigger
sleep 1.3
cause
knob spin_irq 1
sleep 200
