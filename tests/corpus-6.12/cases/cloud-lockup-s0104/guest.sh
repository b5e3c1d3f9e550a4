# 6.12.117+deb12-cloud-amd64 lockup seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
raw_read 149432
raw_read 149432
sleep 0.9
knob reset 1
sleep 0.9
knob verbose 300
sleep 0.6
echo 3 > /proc/sys/vm/drop_caches
sleep 0.5
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.4
knob dma_mask 64
sleep 1.4
cause
knob rearm 1
sleep 200
