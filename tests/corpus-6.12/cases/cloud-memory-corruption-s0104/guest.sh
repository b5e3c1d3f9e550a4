# 6.12.117+deb12-cloud-amd64 memory-corruption seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.3
cpu_flap 1
sleep 1.8
knob dma_mask 64
sleep 0.8
echo 3 > /proc/sys/vm/drop_caches
sleep 1.4
knob verbose 800
sleep 1.7
modload loop 
sleep 1.0
sleep 1.0
cause
knob teardown 1
sleep 200
