# 6.1.0-56-amd64 hw-memory seed 12
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 2.2
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.5
cpu_flap 2
sleep 1.8
memcg_hog 24M 96
sleep 1.1
knob reset 2
sleep 1.4
modload dummy numdummies=1
sleep 1.9
modunload dummy
sleep 1.6
cause
host mce -b 0 2 0xbe0000000000009f 0x6 0x443df00 0x86
sleep 200
