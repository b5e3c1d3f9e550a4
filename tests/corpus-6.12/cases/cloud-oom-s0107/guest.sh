# 6.12.117+deb12-cloud-amd64 oom seed 107
set_sysctl vm.panic_on_oom 2
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.3
knob verbose 2600
sleep 0.8
echo 1 > /proc/sys/vm/drop_caches
sleep 1.9
cpu_flap 1
sleep 1.7
knob reset 1
sleep 1.3
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.4
cause
memcg_hog 24M 96
sleep 200
