# 6.12.117+deb12-cloud-amd64 warn-panic seed 103
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
knob dma_mask 64
sleep 1.7
raw_read 169136
raw_read 169136
sleep 1.8
echo t > /proc/sysrq-trigger
sleep 1.5
echo 1 > /proc/sys/vm/drop_caches
sleep 1.2
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 0.8
cpu_flap 1
sleep 2.0
set_sysctl kernel.panic_on_warn 1
cause
knob ring_size 300
sleep 200
