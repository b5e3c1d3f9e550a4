# 6.1.0-56-cloud-amd64 oom seed 6
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.8
modload null_blk nr_devices=1
sleep 3.0
sleep 1.2
knob verbose 800
sleep 0.6
knob link 1000
sleep 0.6
echo w > /proc/sysrq-trigger
sleep 1.0
cause
knob prealloc
sleep 200
