# 6.1.0-56-cloud-amd64 hw-pcie seed 3
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
knob verbose 800
sleep 1.1
memcg_hog 24M 64
sleep 1.6
raw_read 180376
raw_read 180376
sleep 1.8
echo t > /proc/sysrq-trigger
sleep 2.0
modload loop 
sleep 1.9
sleep 0.7
host set_link nic0 off
sleep 1.7
host set_link nic0 on
sleep 1.6
cause
host pcie_aer_inject_error rp1 DLP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
