# 6.1.0-56-cloud-amd64 hw-pcie seed 1
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
modload tun 
sleep 1.9
modunload tun
sleep 0.8
host set_link nic0 off
sleep 1.6
host set_link nic0 on
sleep 1.0
memcg_hog 24M 64
sleep 1.9
cpu_flap 2
sleep 0.6
knob timeout 3
sleep 0.5
raw_read 150568
raw_read 150568
sleep 0.5
cause
host pcie_aer_inject_error rp1 SDN
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
