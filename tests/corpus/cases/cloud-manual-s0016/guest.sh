# 6.1.0-56-cloud-amd64 manual seed 16
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
sleep 1.2
raw_read 188080
raw_read 188080
sleep 1.6
knob reset 1
sleep 1.0
knob verbose 800
sleep 0.6
modload null_blk nr_devices=1
sleep 1.2
modunload null_blk
sleep 1.5
echo l > /proc/sysrq-trigger
sleep 0.8
cause
host nmi
sleep 200
