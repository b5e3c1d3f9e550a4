# 6.12.117+deb12-cloud-amd64 hung-task seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.4
modload tun 
sleep 1.6
modunload tun
sleep 1.5
cpu_flap 2
sleep 0.7
cause
knob abba
sleep 200
