# 6.1.0-56-cloud-amd64 manual seed 10
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
sleep 2.8
knob reset 3
sleep 1.6
memcg_hog 24M 48
sleep 1.6
raw_read 142616
raw_read 142616
sleep 0.7
modload tun 
sleep 1.8
modunload tun
sleep 1.0
knob link 10000
sleep 1.5
knob dma_mask 64
sleep 0.7
cause
host nmi
sleep 200
