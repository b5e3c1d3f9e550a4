# 6.1.0-56-cloud-amd64 oom seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
echo m > /proc/sysrq-trigger
sleep 1.0
modload null_blk nr_devices=1
sleep 1.6
sleep 1.5
raw_read 153104
raw_read 153104
sleep 1.3
cpu_flap 3
sleep 2.0
cause
knob rx_refill
sleep 1
hog 150 3
sleep 200
