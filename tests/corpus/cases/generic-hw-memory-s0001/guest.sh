# 6.1.0-56-amd64 hw-memory seed 1
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
sleep 1.4
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.0
memcg_hog 24M 96
sleep 1.0
knob link 1000
sleep 1.5
raw_read 151512
raw_read 151512
sleep 1.7
cause
host mce 1 4 0x9c0000000000009f 0x0 0x350e680 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0xde1ea40 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0x28e09c0 0x86
sleep 3.0
host mce -b 1 4 0xbe0000000000009f 0x6 0xbdf6e40 0x86
sleep 200
