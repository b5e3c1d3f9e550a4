# 6.12.117+deb12-cloud-amd64 hung-task seed 106
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
echo l > /proc/sysrq-trigger
sleep 1.0
modload 8021q 
sleep 1.1
modunload 8021q
sleep 0.9
knob timeout 3
sleep 1.9
raw_read 156528
raw_read 156528
sleep 1.8
knob dma_mask 64
sleep 0.9
cause
knob_bg drain
sleep 200
