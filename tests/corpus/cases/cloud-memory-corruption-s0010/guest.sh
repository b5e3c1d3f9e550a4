# 6.1.0-56-cloud-amd64 memory-corruption seed 10
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
modload tun 
sleep 2.9
modunload tun
sleep 1.3
knob verbose 300
sleep 0.8
raw_read 179584
raw_read 179584
sleep 1.2
echo l > /proc/sysrq-trigger
sleep 1.2
memcg_hog 24M 48
sleep 1.5
cause
knob detach 3
sleep 200
