# 6.12.117+deb12-cloud-amd64 warn-panic seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.5
raw_read 175264
raw_read 175264
sleep 1.0
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.3
cpu_flap 1
sleep 1.3
set_sysctl kernel.panic_on_warn 1
cause
knob ring_size 300
sleep 200
