# 6.1.0-56-cloud-amd64 warn-panic seed 18
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
cpu_flap 3
sleep 0.7
echo 3 > /proc/sys/vm/drop_caches
sleep 1.7
knob reset 2
sleep 1.8
host set_link nic0 off
sleep 1.7
host set_link nic0 on
sleep 1.0
set_sysctl kernel.panic_on_warn 1
cause
knob tx_timeout 1
sleep 200
