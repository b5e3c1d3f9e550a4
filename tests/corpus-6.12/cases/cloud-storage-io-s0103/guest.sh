# 6.12.117+deb12-cloud-amd64 storage-io seed 103
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
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.4
echo l > /proc/sysrq-trigger
sleep 0.7
knob verbose 300
sleep 1.1
echo 1 > /proc/sys/vm/drop_caches
sleep 1.6
host set_link nic0 off
sleep 1.3
host set_link nic0 on
sleep 0.5
cpu_flap 2
sleep 1.0
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i03 > /dev/null
sleep 200
