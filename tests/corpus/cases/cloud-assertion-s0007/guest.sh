# 6.1.0-56-cloud-amd64 assertion seed 7
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.1
knob reset 1
sleep 1.4
modload dummy numdummies=1
sleep 1.2
sleep 1.0
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 1.6
knob verbose 300
sleep 1.1
cpu_flap 1
sleep 1.7
cause
knob commit 7
sleep 200
