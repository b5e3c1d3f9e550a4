# 6.12.117+deb12-cloud-amd64 hw-pcie seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.3
knob link 10000
sleep 0.6
memcg_hog 24M 96
sleep 1.3
knob dma_mask 64
sleep 1.6
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.7
modload null_blk nr_devices=1
sleep 1.2
modunload null_blk
sleep 1.3
cause
host pcie_aer_inject_error rp1 DLP
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
