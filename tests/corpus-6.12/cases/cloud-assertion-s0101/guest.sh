# 6.12.117+deb12-cloud-amd64 assertion seed 101
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
host set_link nic0 off
sleep 1.7
host set_link nic0 on
sleep 0.8
knob verbose 2600
sleep 1.0
modload loop 
sleep 2.1
modunload loop
sleep 1.7
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.3
raw_read 154488
raw_read 154488
sleep 1.8
cause
knob qos 100
sleep 200
