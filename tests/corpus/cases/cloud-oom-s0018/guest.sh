# 6.1.0-56-cloud-amd64 oom seed 18
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
knob verbose 2600
sleep 1.1
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 1.6
raw_read 153696
raw_read 153696
sleep 1.0
host set_link nic0 off
sleep 1.3
host set_link nic0 on
sleep 1.4
cpu_flap 2
sleep 1.5
echo 3 > /proc/sys/vm/drop_caches
sleep 0.9
cause
knob rx_refill
sleep 1
hog 150 3
sleep 200
