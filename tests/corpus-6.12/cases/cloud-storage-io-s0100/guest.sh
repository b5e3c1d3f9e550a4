# 6.12.117+deb12-cloud-amd64 storage-io seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 1.6
cpu_flap 3
sleep 0.9
memcg_hog 24M 48
sleep 2.0
knob verbose 300
sleep 1.3
echo 3 > /proc/sys/vm/drop_caches
sleep 0.9
knob link 1000
sleep 0.5
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i13 > /dev/null
sleep 200
