# 6.12.117+deb12-cloud-amd64 manual seed 101
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.sysrq 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
memcg_hog 24M 64
sleep 0.9
knob timeout 1
sleep 1.9
knob link 10000
sleep 1.7
echo l > /proc/sysrq-trigger
sleep 0.9
cause
host sendkey alt-sysrq-c
sleep 200
