# 6.1.0-56-cloud-amd64 manual seed 17
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.sysrq 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
host set_link nic0 off
sleep 2.2
host set_link nic0 on
sleep 1.9
knob timeout 1
sleep 2.0
cause
host sendkey alt-sysrq-c
sleep 200
