# 6.1.0-56-cloud-amd64 warn-panic seed 3
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.7
modload dummy numdummies=1
sleep 1.5
sleep 0.8
knob link 25000
sleep 0.7
raw_read 191968
raw_read 191968
sleep 0.6
cpu_flap 3
sleep 1.7
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
