# 6.12.117+deb12-cloud-amd64 null-deref seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.6
memcg_hog 24M 96
sleep 0.9
modload null_blk nr_devices=1
sleep 1.2
modunload null_blk
sleep 1.4
echo l > /proc/sysrq-trigger
sleep 1.3
knob timeout 0
sleep 1.5
cause
knob ring_reap 1
sleep 200
