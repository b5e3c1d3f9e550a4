# 6.12.117+deb12-cloud-amd64 oom seed 102
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
cpu_flap 1
sleep 0.5
knob timeout 0
sleep 1.1
cause
memcg_hog 32M 96
sleep 200
