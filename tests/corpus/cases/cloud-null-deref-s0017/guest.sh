# 6.1.0-56-cloud-amd64 null-deref seed 17
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
cpu_flap 3
sleep 0.9
echo 1 > /proc/sys/vm/drop_caches
sleep 1.3
raw_read 169512
raw_read 169512
sleep 1.1
knob verbose 1600
sleep 0.7
knob link 25000
sleep 0.9
knob timeout 2
sleep 1.2
cause
knob flush 1
sleep 200
