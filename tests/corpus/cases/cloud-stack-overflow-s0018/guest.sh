# 6.1.0-56-cloud-amd64 stack-overflow seed 18
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
knob reset 3
sleep 0.8
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.9
modload tun 
sleep 2.7
modunload tun
sleep 1.1
cause
knob walk
sleep 200
