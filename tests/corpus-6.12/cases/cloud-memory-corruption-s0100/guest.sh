# 6.12.117+deb12-cloud-amd64 memory-corruption seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
knob reset 3
sleep 1.1
knob dma_mask 64
sleep 1.8
echo w > /proc/sysrq-trigger
sleep 1.8
knob verbose 2600
sleep 1.4
cause
knob teardown 1
sleep 200
