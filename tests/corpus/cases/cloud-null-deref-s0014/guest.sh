# 6.1.0-56-cloud-amd64 null-deref seed 14
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
modload 8021q 
sleep 1.8
modunload 8021q
sleep 1.8
echo l > /proc/sysrq-trigger
sleep 1.1
memcg_hog 24M 48
sleep 1.4
knob timeout 2
sleep 1.8
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 2.0
cause
knob ring_init 2
sleep 200
