# 6.12.117+deb12-cloud-amd64 lockup seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 0
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.0
echo w > /proc/sysrq-trigger
sleep 1.0
echo 3 > /proc/sys/vm/drop_caches
sleep 1.1
host set_link nic0 off
sleep 2.3
host set_link nic0 on
sleep 0.9
knob timeout 2
sleep 1.7
knob verbose 300
sleep 1.2
cause
knob spin_irq 1
sleep 200
