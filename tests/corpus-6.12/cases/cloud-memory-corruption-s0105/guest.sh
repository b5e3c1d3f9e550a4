# 6.12.117+deb12-cloud-amd64 memory-corruption seed 105
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
knob timeout 2
sleep 1.5
modload dummy numdummies=1
sleep 1.5
modunload dummy
sleep 1.8
host set_link nic0 off
sleep 1.9
host set_link nic0 on
sleep 0.9
raw_read 169080
raw_read 169080
sleep 1.9
echo 3 > /proc/sys/vm/drop_caches
sleep 0.7
knob dma_mask 64
sleep 1.8
cause
knob requeue 1
sleep 200
