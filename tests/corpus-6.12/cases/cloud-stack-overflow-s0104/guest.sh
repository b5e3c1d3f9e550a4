# 6.12.117+deb12-cloud-amd64 stack-overflow seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.9
memcg_hog 24M 64
sleep 1.9
knob reset 1
sleep 1.6
cpu_flap 3
sleep 1.4
echo 1 > /proc/sys/vm/drop_caches
sleep 1.6
cause
knob walk
sleep 200
