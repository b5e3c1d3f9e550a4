# 6.12.117+deb12-cloud-amd64 manual seed 103
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.unknown_nmi_panic 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
echo 3 > /proc/sys/vm/drop_caches
sleep 1.2
knob verbose 300
sleep 0.7
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.7
memcg_hog 24M 64
sleep 0.6
raw_read 155672
raw_read 155672
sleep 1.4
knob timeout 1
sleep 1.3
cause
host nmi
sleep 200
