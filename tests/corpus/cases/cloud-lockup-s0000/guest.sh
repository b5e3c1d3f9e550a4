# 6.1.0-56-cloud-amd64 lockup seed 0
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.6
knob dma_mask 64
sleep 1.0
echo t > /proc/sysrq-trigger
sleep 1.7
knob link 1000
sleep 0.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 0.6
echo 1 > /proc/sys/vm/drop_caches
sleep 2.0
modload 8021q 
sleep 1.8
modunload 8021q
sleep 1.3
cause
knob spin 1
sleep 200
