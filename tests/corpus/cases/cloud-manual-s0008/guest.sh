# 6.1.0-56-cloud-amd64 manual seed 8
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
sleep 2.2
knob link 25000
sleep 1.6
knob verbose 800
sleep 2.0
echo 1 > /proc/sys/vm/drop_caches
sleep 0.9
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.1
cause
host sendkey alt-sysrq-c
sleep 200
