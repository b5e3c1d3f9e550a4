# 6.1.0-56-cloud-amd64 manual seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
raw_read 187752
raw_read 187752
sleep 0.6
host set_link nic0 off
sleep 1.5
host set_link nic0 on
sleep 1.2
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
