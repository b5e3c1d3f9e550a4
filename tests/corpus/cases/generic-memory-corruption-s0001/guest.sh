# 6.1.0-56-amd64 memory-corruption seed 1
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
sleep 2.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.5
memcg_hog 24M 48
sleep 1.5
echo m > /proc/sysrq-trigger
sleep 1.5
raw_read 168784
raw_read 168784
sleep 1.6
host mce 1 1 0x9000000000000150 0x0 0x0 0x0
sleep 3.0
sleep 2.0
knob link 1000
sleep 1.5
cause
knob requeue 1
sleep 200
