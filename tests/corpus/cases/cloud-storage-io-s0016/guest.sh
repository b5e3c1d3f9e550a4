# 6.1.0-56-cloud-amd64 storage-io seed 16
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
knob link 10000
sleep 1.4
knob dma_mask 64
sleep 0.9
cpu_flap 3
sleep 1.2
modload null_blk nr_devices=1
sleep 1.9
sleep 1.0
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i20 > /dev/null
sleep 200
