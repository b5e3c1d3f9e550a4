# 6.1.0-56-cloud-amd64 warn-panic seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.4
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.4
echo m > /proc/sysrq-trigger
sleep 1.9
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
