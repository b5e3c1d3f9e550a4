# 6.12.117+deb12-cloud-amd64 oom seed 105
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
knob verbose 800
sleep 0.6
modload dummy numdummies=1
sleep 2.0
sleep 0.7
knob timeout 1
sleep 1.7
cause
hog 150 3
sleep 200
