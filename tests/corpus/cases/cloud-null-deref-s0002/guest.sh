# 6.1.0-56-cloud-amd64 null-deref seed 2
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
knob verbose 800
sleep 1.3
raw_read 177784
raw_read 177784
sleep 0.6
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.6
modload loop 
sleep 1.0
modunload loop
sleep 0.9
knob link 25000
sleep 1.5
knob reset 2
sleep 1.6
cause
knob ring_init 2
sleep 200
