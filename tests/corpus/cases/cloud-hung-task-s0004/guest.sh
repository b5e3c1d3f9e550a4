# 6.1.0-56-cloud-amd64 hung-task seed 4
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
knob link 25000
sleep 0.5
modload dummy numdummies=1
sleep 1.5
sleep 0.6
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.3
knob dma_mask 64
sleep 1.0
knob reset 2
sleep 1.3
cause
knob abba
sleep 200
