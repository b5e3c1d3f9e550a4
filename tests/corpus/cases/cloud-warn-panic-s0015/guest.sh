# 6.1.0-56-cloud-amd64 warn-panic seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.1
knob verbose 300
sleep 1.4
echo 3 > /proc/sys/vm/drop_caches
sleep 0.9
knob dma_mask 64
sleep 2.0
modload dummy numdummies=1
sleep 2.7
modunload dummy
sleep 1.5
knob link 25000
sleep 0.8
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
