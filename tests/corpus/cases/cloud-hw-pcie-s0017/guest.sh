# 6.1.0-56-cloud-amd64 hw-pcie seed 17
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
echo 1 > /proc/sys/vm/drop_caches
sleep 1.5
modload loop 
sleep 1.5
modunload loop
sleep 1.1
knob link 25000
sleep 1.5
memcg_hog 24M 48
sleep 1.3
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.3
cause
host pcie_aer_inject_error rp1 FCP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
