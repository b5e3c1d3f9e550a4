# 6.1.0-56-amd64 manual seed 1
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.unknown_nmi_panic 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 1.3
cpu_flap 1
sleep 1.4
host mce 1 1 0x9000000000000400 0x0 0x0 0x0
sleep 3.0
sleep 1.5
raw_read 196432
raw_read 196432
sleep 1.8
knob dma_mask 64
sleep 1.6
cause
host nmi
sleep 200
