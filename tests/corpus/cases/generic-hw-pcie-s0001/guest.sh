# 6.1.0-56-amd64 hw-pcie seed 1
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 2.1
echo t > /proc/sysrq-trigger
sleep 1.2
knob timeout 3
sleep 1.4
knob verbose 2600
sleep 1.3
cause
host pcie_aer_inject_error rp1 SDN
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
