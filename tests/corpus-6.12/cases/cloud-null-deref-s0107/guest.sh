# 6.12.117+deb12-cloud-amd64 null-deref seed 107
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
modload null_blk nr_devices=1
sleep 2.7
sleep 1.1
raw_read 166840
raw_read 166840
sleep 0.6
cause
knob poll_ms 100
sleep 200
