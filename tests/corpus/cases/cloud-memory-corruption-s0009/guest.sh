# 6.1.0-56-cloud-amd64 memory-corruption seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
memcg_hog 24M 96
sleep 0.6
echo m > /proc/sysrq-trigger
sleep 1.5
modload dummy numdummies=1
sleep 2.6
sleep 1.7
cpu_flap 2
sleep 1.1
cause
knob requeue 1
sleep 200
