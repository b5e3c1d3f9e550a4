# 6.1.0-56-cloud-amd64 oom seed 7
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.1
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.1
knob verbose 300
sleep 1.9
knob reset 1
sleep 1.4
raw_read 135896
raw_read 135896
sleep 0.7
host set_link nic0 off
sleep 1.6
host set_link nic0 on
sleep 1.0
cause
memcg_hog 24M 96
sleep 200
