# 6.1.0-56-amd64 warn-panic seed 2
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
sleep 2.9
raw_read 196136
raw_read 196136
sleep 1.8
modload tun 
sleep 2.1
sleep 1.8
knob verbose 800
sleep 1.2
knob dma_mask 64
sleep 1.8
echo w > /proc/sysrq-trigger
sleep 0.5
set_sysctl kernel.panic_on_warn 1
cause
knob release 1
sleep 200
