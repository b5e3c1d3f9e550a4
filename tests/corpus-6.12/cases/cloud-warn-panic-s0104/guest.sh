# 6.12.117+deb12-cloud-amd64 warn-panic seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.6
memcg_hog 24M 48
sleep 1.0
knob dma_mask 64
sleep 0.6
echo l > /proc/sysrq-trigger
sleep 1.7
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.9
modload dummy numdummies=1
sleep 2.0
modunload dummy
sleep 2.0
knob timeout 2
sleep 1.0
set_sysctl kernel.panic_on_warn 1
cause
knob release 1
sleep 200
