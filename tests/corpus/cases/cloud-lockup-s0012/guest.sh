# 6.1.0-56-cloud-amd64 lockup seed 12
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
knob reset 3
sleep 2.0
echo w > /proc/sysrq-trigger
sleep 1.1
raw_read 167696
raw_read 167696
sleep 1.6
modload tun 
sleep 2.6
modunload tun
sleep 1.7
host set_link nic0 off
sleep 2.5
host set_link nic0 on
sleep 1.2
cause
knob spin 1
sleep 200
