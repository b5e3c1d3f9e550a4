# 6.1.0-56-cloud-amd64 lockup seed 11
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
knob link 10000
sleep 1.8
knob timeout 1
sleep 0.9
modload 8021q 
sleep 2.0
sleep 1.5
knob verbose 300
sleep 1.1
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.9
raw_read 143752
raw_read 143752
sleep 0.5
cause
knob rearm 1
sleep 200
