# 6.1.0-56-cloud-amd64 manual seed 14
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.sysrq 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
knob verbose 800
sleep 0.6
raw_read 134360
raw_read 134360
sleep 1.3
memcg_hog 24M 48
sleep 1.5
modload dummy numdummies=1
sleep 2.8
sleep 0.6
cpu_flap 2
sleep 1.7
echo 1 > /proc/sys/vm/drop_caches
sleep 1.7
cause
host sendkey alt-sysrq-c
sleep 200
