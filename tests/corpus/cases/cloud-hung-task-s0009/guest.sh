# 6.1.0-56-cloud-amd64 hung-task seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
knob dma_mask 64
sleep 1.3
knob reset 0
sleep 0.9
knob verbose 2600
sleep 1.0
echo 3 > /proc/sys/vm/drop_caches
sleep 1.7
raw_read 173728
raw_read 173728
sleep 0.8
cpu_flap 3
sleep 1.6
cause
knob_bg fw_activate
sleep 200
