# 6.1.0-56-cloud-amd64 null-deref seed 16
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.2
echo 3 > /proc/sys/vm/drop_caches
sleep 1.7
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 2.0
cpu_flap 3
sleep 1.0
modload tun 
sleep 2.3
modunload tun
sleep 1.0
cause
knob ring_reap 1
sleep 200
