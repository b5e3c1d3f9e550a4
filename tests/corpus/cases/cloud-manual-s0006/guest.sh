# 6.1.0-56-cloud-amd64 manual seed 6
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.8
knob link 10000
sleep 1.3
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.6
raw_read 170648
raw_read 170648
sleep 0.9
cpu_flap 3
sleep 1.2
memcg_hog 24M 48
sleep 0.6
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
