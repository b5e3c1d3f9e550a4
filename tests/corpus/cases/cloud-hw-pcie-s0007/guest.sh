# 6.1.0-56-cloud-amd64 hw-pcie seed 7
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.0
knob link 25000
sleep 0.7
cpu_flap 2
sleep 1.2
modload null_blk nr_devices=1
sleep 2.2
modunload null_blk
sleep 1.8
memcg_hog 24M 48
sleep 1.5
echo 3 > /proc/sys/vm/drop_caches
sleep 1.5
knob dma_mask 64
sleep 2.0
cause
host pcie_aer_inject_error rp1 SDN
sleep 3
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/table > /dev/null &
sync &
sleep 200
