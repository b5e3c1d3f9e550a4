# 6.1.0-56-cloud-amd64 warn-panic seed 2
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
knob reset 3
sleep 1.3
echo 1 > /proc/sys/vm/drop_caches
sleep 1.2
knob verbose 800
sleep 0.5
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.8
set_sysctl kernel.panic_on_warn 1
cause
knob release 1
sleep 200
