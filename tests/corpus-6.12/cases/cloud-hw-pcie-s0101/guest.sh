# 6.12.117+deb12-cloud-amd64 hw-pcie seed 101
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
echo t > /proc/sysrq-trigger
sleep 0.5
knob dma_mask 64
sleep 1.5
knob timeout 2
sleep 2.0
cpu_flap 3
sleep 0.9
host set_link nic0 off
sleep 1.4
host set_link nic0 on
sleep 1.0
cause
host pcie_aer_inject_error rp1 FCP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
