# 6.1.0-56-cloud-amd64 memory-corruption seed 7
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
sleep 0.9
knob dma_mask 64
sleep 1.8
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.1
cause
knob attach 2
sleep 200
