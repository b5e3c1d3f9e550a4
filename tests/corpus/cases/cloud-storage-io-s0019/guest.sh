# 6.1.0-56-cloud-amd64 storage-io seed 19
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
knob dma_mask 64
sleep 1.4
echo m > /proc/sysrq-trigger
sleep 1.2
modload dummy numdummies=1
sleep 2.4
modunload dummy
sleep 0.7
knob timeout 1
sleep 1.8
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i23 > /dev/null
sleep 200
