# 6.1.0-56-cloud-amd64 hw-pcie seed 12
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.0
modload dummy numdummies=1
sleep 2.2
sleep 0.7
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.8
raw_read 173912
raw_read 173912
sleep 1.3
cause
host pcie_aer_inject_error rp1 DLP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
