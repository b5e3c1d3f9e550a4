# 6.1.0-56-cloud-amd64 lockup seed 10
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
raw_read 172272
raw_read 172272
sleep 0.8
knob link 10000
sleep 1.7
knob reset 1
sleep 1.0
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
knob dma_mask 64
sleep 1.7
cause
knob spin_irq 1
sleep 200
