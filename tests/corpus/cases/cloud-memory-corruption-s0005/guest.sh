# 6.1.0-56-cloud-amd64 memory-corruption seed 5
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.3
knob dma_mask 64
sleep 2.0
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 1.5
host set_link nic0 off
sleep 2.9
host set_link nic0 on
sleep 1.4
modload null_blk nr_devices=1
sleep 1.9
modunload null_blk
sleep 1.8
cause
knob requeue 1
sleep 200
