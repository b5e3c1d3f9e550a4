# 6.1.0-56-cloud-amd64 stack-overflow seed 13
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.8
echo 1 > /proc/sys/vm/drop_caches
sleep 0.7
cpu_flap 2
sleep 1.2
echo l > /proc/sysrq-trigger
sleep 1.1
cause
knob walk_async
sleep 200
