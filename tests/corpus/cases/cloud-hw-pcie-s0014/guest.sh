# 6.1.0-56-cloud-amd64 hw-pcie seed 14
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.2
knob timeout 0
sleep 1.2
raw_read 136536
raw_read 136536
sleep 1.3
knob dma_mask 64
sleep 1.2
daemon_log 'smartd[287]' 'Device: /dev/vda, opened'
sleep 0.8
knob verbose 1600
sleep 0.8
host set_link nic0 off
sleep 2.0
host set_link nic0 on
sleep 1.8
cause
host pcie_aer_inject_error rp1 FCP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
