# 6.12.117+deb12-cloud-amd64 assertion seed 103
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
knob verbose 300
sleep 1.6
knob timeout 2
sleep 1.9
echo w > /proc/sysrq-trigger
sleep 0.6
knob link 1000
sleep 0.6
raw_read 177552
raw_read 177552
sleep 1.6
echo 3 > /proc/sys/vm/drop_caches
sleep 1.4
cause
knob commit 7
sleep 200
