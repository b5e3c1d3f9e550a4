# 6.1.0-56-cloud-amd64 assertion seed 13
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.7
echo 3 > /proc/sys/vm/drop_caches
sleep 0.5
knob dma_mask 64
sleep 1.0
echo m > /proc/sysrq-trigger
sleep 0.8
modload 8021q 
sleep 2.7
modunload 8021q
sleep 1.9
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.0
knob verbose 800
sleep 1.6
cause
knob commit 7
sleep 200
