# 6.1.0-56-cloud-amd64 memory-corruption seed 6
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.2
knob link 1000
sleep 1.9
knob timeout 3
sleep 1.1
echo 1 > /proc/sys/vm/drop_caches
sleep 1.4
knob dma_mask 64
sleep 1.5
cpu_flap 1
sleep 1.6
cause
knob detach 3
sleep 200
