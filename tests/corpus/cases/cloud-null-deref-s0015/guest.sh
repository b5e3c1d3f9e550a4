# 6.1.0-56-cloud-amd64 null-deref seed 15
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 3.0
echo t > /proc/sysrq-trigger
sleep 1.0
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.2
host set_link nic0 off
sleep 1.5
host set_link nic0 on
sleep 1.0
cpu_flap 3
sleep 1.5
knob verbose 800
sleep 0.7
knob dma_mask 64
sleep 0.7
cause
knob poll_ms 100
sleep 200
