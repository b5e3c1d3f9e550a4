# 6.1.0-56-amd64 hw-pcie seed 0
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
sleep 1.5
knob reset 3
sleep 1.8
cpu_flap 1
sleep 0.6
echo 1 > /proc/sys/vm/drop_caches
sleep 1.0
host mce 1 1 0x9000000000000400 0x0 0x0 0x0
sleep 3.0
sleep 1.4
cause
host pcie_aer_inject_error rp1 DLP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
