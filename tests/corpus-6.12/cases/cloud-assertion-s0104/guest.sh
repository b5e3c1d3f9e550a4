# 6.12.117+deb12-cloud-amd64 assertion seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
knob timeout 0
sleep 1.1
knob link 1000
sleep 1.5
raw_read 183488
raw_read 183488
sleep 1.8
modload scsi_debug dev_size_mb=8
sleep 2.1
sleep 1.7
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.9
cause
knob qos 100
sleep 200
