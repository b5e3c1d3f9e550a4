# 6.12.117+deb12-cloud-amd64 manual seed 107
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
sleep 3.0
modload dummy numdummies=1
sleep 2.8
modunload dummy
sleep 0.6
knob dma_mask 64
sleep 1.2
cause
host sendkey alt-sysrq-c
sleep 200
