# 6.1.0-56-cloud-amd64 assertion seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
knob verbose 800
sleep 1.1
knob dma_mask 64
sleep 1.1
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.6
cpu_flap 2
sleep 1.5
raw_read 179264
raw_read 179264
sleep 1.5
cause
knob resync 1
sleep 200
