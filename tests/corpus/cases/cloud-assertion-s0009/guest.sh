# 6.1.0-56-cloud-amd64 assertion seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.5
knob verbose 800
sleep 1.2
raw_read 157016
raw_read 157016
sleep 1.2
knob link 1000
sleep 1.5
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.7
cpu_flap 2
sleep 1.9
echo t > /proc/sysrq-trigger
sleep 0.7
cause
knob resync 1
sleep 200
