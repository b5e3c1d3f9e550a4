# 6.1.0-56-amd64 hw-memory seed 5
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
sleep 1.7
modload tun 
sleep 1.1
sleep 1.0
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.0
echo l > /proc/sysrq-trigger
sleep 1.1
knob dma_mask 64
sleep 0.5
knob reset 0
sleep 1.9
cause
host mce 0 2 0x9c0000000000009f 0x0 0x1025940 0x86
sleep 3.0
host mce 0 2 0xbe0000000000009f 0x6 0x20fd6c0 0x86
sleep 200
