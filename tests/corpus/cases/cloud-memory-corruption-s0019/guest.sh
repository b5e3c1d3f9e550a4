# 6.1.0-56-cloud-amd64 memory-corruption seed 19
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.1
knob dma_mask 64
sleep 0.8
echo m > /proc/sysrq-trigger
sleep 0.6
modload dummy numdummies=1
sleep 1.8
sleep 1.2
cause
knob attach 2
sleep 200
