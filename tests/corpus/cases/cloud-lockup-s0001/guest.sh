# 6.1.0-56-cloud-amd64 lockup seed 1
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.6
knob verbose 2600
sleep 0.7
echo m > /proc/sysrq-trigger
sleep 0.9
knob dma_mask 64
sleep 0.7
echo 3 > /proc/sys/vm/drop_caches
sleep 2.0
cause
knob spin_irq 1
sleep 200
