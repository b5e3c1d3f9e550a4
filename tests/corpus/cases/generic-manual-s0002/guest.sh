# 6.1.0-56-amd64 manual seed 2
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.sysrq 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 2.5
knob dma_mask 64
sleep 0.7
memcg_hog 24M 96
sleep 1.3
knob verbose 300
sleep 2.0
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.8
cpu_flap 2
sleep 1.6
cause
host sendkey alt-sysrq-c
sleep 200
