# 6.12.117+deb12-cloud-amd64 storage-io seed 106
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.9
cpu_flap 1
sleep 1.1
knob dma_mask 64
sleep 2.0
knob reset 3
sleep 1.4
echo 1 > /proc/sys/vm/drop_caches
sleep 0.7
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i09 > /dev/null
sleep 200
