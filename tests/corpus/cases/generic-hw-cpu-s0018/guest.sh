# 6.1.0-56-amd64 hw-cpu seed 18
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
sleep 2.7
knob reset 0
sleep 1.6
knob verbose 300
sleep 1.8
knob dma_mask 64
sleep 1.8
cause
host mce -b 0 0 0xb200000000000400 0x6 0x0 0x0
sleep 200
