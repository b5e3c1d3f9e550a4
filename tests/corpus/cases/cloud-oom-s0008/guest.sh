# 6.1.0-56-cloud-amd64 oom seed 8
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
echo m > /proc/sysrq-trigger
sleep 1.4
cpu_flap 1
sleep 1.9
knob reset 1
sleep 1.1
modload null_blk nr_devices=1
sleep 1.7
modunload null_blk
sleep 1.0
knob link 10000
sleep 1.3
knob verbose 300
sleep 1.3
cause
knob rx_refill
sleep 1
hog 150 3
sleep 200
