# 6.1.0-56-cloud-amd64 assertion seed 5
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
knob timeout 1
sleep 1.6
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.8
modload null_blk nr_devices=1
sleep 1.7
modunload null_blk
sleep 1.0
cpu_flap 1
sleep 0.8
cause
knob qos 100
sleep 200
