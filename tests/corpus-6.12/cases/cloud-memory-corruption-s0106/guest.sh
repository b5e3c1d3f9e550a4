# 6.12.117+deb12-cloud-amd64 memory-corruption seed 106
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
echo m > /proc/sysrq-trigger
sleep 0.6
modload 8021q 
sleep 1.3
modunload 8021q
sleep 0.8
knob dma_mask 64
sleep 1.4
raw_read 160832
raw_read 160832
sleep 0.8
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.6
cause
knob detach 3
sleep 200
