# 6.1.0-56-amd64 oom seed 1
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 1.7
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.7
knob reset 0
sleep 1.6
modload scsi_debug dev_size_mb=8
sleep 2.0
modunload scsi_debug
sleep 1.6
knob verbose 1600
sleep 0.8
cpu_flap 3
sleep 1.0
echo w > /proc/sysrq-trigger
sleep 0.9
cause
knob prealloc
sleep 200
