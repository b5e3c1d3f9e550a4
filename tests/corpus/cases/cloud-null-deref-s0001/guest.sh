# 6.1.0-56-cloud-amd64 null-deref seed 1
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
raw_read 189736
raw_read 189736
sleep 1.7
cpu_flap 1
sleep 1.3
echo 3 > /proc/sys/vm/drop_caches
sleep 1.2
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.6
cause
knob flush 1
sleep 200
