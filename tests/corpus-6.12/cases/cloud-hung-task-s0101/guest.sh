# 6.12.117+deb12-cloud-amd64 hung-task seed 101
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
modload loop 
sleep 1.1
sleep 0.5
cpu_flap 3
sleep 1.3
raw_read 177336
raw_read 177336
sleep 1.8
knob verbose 1600
sleep 1.6
host set_link nic0 off
sleep 2.8
host set_link nic0 on
sleep 1.5
cause
knob_bg fw_activate
sleep 200
