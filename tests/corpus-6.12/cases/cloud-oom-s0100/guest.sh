# 6.12.117+deb12-cloud-amd64 oom seed 100
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
raw_read 137816
raw_read 137816
sleep 1.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.1
knob timeout 3
sleep 0.9
host set_link nic0 off
sleep 2.8
host set_link nic0 on
sleep 1.5
modload null_blk nr_devices=1
sleep 1.2
modunload null_blk
sleep 1.4
cause
hog 120 3
sleep 200
