# 6.12.117+deb12-cloud-amd64 oom seed 106
set_sysctl vm.panic_on_oom 1
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.8
raw_read 145704
raw_read 145704
sleep 1.8
cpu_flap 3
sleep 1.5
host set_link nic0 off
sleep 2.7
host set_link nic0 on
sleep 1.5
knob dma_mask 64
sleep 0.9
knob timeout 2
sleep 0.5
cause
knob prealloc
sleep 200
