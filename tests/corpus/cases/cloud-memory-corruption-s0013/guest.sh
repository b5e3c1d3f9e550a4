# 6.1.0-56-cloud-amd64 memory-corruption seed 13
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
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.0
knob reset 3
sleep 1.9
memcg_hog 24M 64
sleep 1.0
knob dma_mask 64
sleep 1.8
knob link 1000
sleep 0.9
modload loop 
sleep 2.5
modunload loop
sleep 1.0
cause
knob requeue 1
sleep 200
