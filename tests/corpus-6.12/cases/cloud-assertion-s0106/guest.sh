# 6.12.117+deb12-cloud-amd64 assertion seed 106
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.7
raw_read 192200
raw_read 192200
sleep 1.9
knob verbose 2600
sleep 1.5
modload tun 
sleep 1.3
modunload tun
sleep 1.2
host set_link nic0 off
sleep 2.2
host set_link nic0 on
sleep 1.7
knob timeout 0
sleep 1.7
echo l > /proc/sysrq-trigger
sleep 0.7
cause
knob commit 7
sleep 200
