# 6.1.0-56-cloud-amd64 stack-overflow seed 7
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.5
knob timeout 2
sleep 0.8
host set_link nic0 off
sleep 2.2
host set_link nic0 on
sleep 1.4
echo m > /proc/sysrq-trigger
sleep 1.1
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.3
cause
knob walk_async
sleep 200
