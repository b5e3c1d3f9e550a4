# 6.1.0-56-cloud-amd64 memory-corruption seed 16
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.8
knob dma_mask 64
sleep 1.0
knob verbose 800
sleep 0.7
memcg_hog 24M 96
sleep 1.8
echo 1 > /proc/sys/vm/drop_caches
sleep 0.7
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.7
knob timeout 0
sleep 1.9
cause
knob teardown 1
sleep 200
