# 6.1.0-56-cloud-amd64 hw-pcie seed 4
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
sleep 0.7
echo 1 > /proc/sys/vm/drop_caches
sleep 0.7
modload 8021q 
sleep 1.0
modunload 8021q
sleep 1.5
cpu_flap 2
sleep 0.5
echo l > /proc/sysrq-trigger
sleep 0.8
cause
host pcie_aer_inject_error rp1 SDN
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
