# 6.1.0-56-amd64 oom seed 0
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
sleep 2.2
cpu_flap 3
sleep 1.2
knob dma_mask 64
sleep 1.0
knob reset 3
sleep 1.8
cause
hog 120 3
sleep 200
