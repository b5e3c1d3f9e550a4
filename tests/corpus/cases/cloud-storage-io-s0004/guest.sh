# 6.1.0-56-cloud-amd64 storage-io seed 4
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
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.4
knob reset 2
sleep 1.9
knob dma_mask 64
sleep 1.5
modload dummy numdummies=1
sleep 2.9
modunload dummy
sleep 0.5
cpu_flap 1
sleep 1.2
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i17 > /dev/null
sleep 200
