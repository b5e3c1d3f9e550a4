# 6.1.0-56-cloud-amd64 hw-pcie seed 6
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
echo w > /proc/sysrq-trigger
sleep 1.8
modload tun 
sleep 1.4
sleep 1.7
knob timeout 1
sleep 0.9
cpu_flap 2
sleep 1.4
memcg_hog 24M 64
sleep 0.6
knob link 1000
sleep 1.0
cause
host pcie_aer_inject_error rp1 DLP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
