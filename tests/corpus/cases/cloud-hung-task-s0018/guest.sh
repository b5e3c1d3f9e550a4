# 6.1.0-56-cloud-amd64 hung-task seed 18
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
memcg_hog 24M 64
sleep 0.7
knob timeout 3
sleep 1.1
raw_read 183384
raw_read 183384
sleep 0.6
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.5
cause
knob_bg drain
sleep 200
