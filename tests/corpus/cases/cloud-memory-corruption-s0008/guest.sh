# 6.1.0-56-cloud-amd64 memory-corruption seed 8
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
knob verbose 2600
sleep 0.8
knob timeout 3
sleep 1.2
modload loop 
sleep 1.2
sleep 1.7
echo m > /proc/sysrq-trigger
sleep 0.6
raw_read 154872
raw_read 154872
sleep 1.5
cause
knob teardown 1
sleep 200
