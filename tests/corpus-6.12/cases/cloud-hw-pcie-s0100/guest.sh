# 6.12.117+deb12-cloud-amd64 hw-pcie seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.8
knob reset 0
sleep 1.7
echo w > /proc/sysrq-trigger
sleep 1.1
modload tun 
sleep 2.2
sleep 1.8
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.5
cause
host pcie_aer_inject_error rp1 SDN
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
