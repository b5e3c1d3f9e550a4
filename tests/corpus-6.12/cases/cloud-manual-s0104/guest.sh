# 6.12.117+deb12-cloud-amd64 manual seed 104
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.sysrq 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.0
memcg_hog 24M 96
sleep 1.0
cpu_flap 2
sleep 0.7
raw_read 146560
raw_read 146560
sleep 1.3
knob verbose 2600
sleep 0.9
knob dma_mask 64
sleep 1.7
host set_link nic0 off
sleep 1.3
host set_link nic0 on
sleep 0.7
cause
host sendkey alt-sysrq-c
sleep 200
