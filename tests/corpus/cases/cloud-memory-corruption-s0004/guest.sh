# 6.1.0-56-cloud-amd64 memory-corruption seed 4
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
knob timeout 3
sleep 1.5
cpu_flap 3
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 1.2
modload scsi_debug dev_size_mb=8
sleep 1.4
modunload scsi_debug
sleep 1.2
knob dma_mask 64
sleep 1.7
raw_read 151672
raw_read 151672
sleep 0.6
cause
knob teardown 1
sleep 200
