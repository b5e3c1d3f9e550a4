# 6.12.117+deb12-cloud-amd64 manual seed 100
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.unknown_nmi_panic 1
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 2.4
knob link 10000
sleep 1.0
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.7
raw_read 156632
raw_read 156632
sleep 0.8
cpu_flap 2
sleep 1.7
knob verbose 800
sleep 1.6
echo 1 > /proc/sys/vm/drop_caches
sleep 0.8
cause
host nmi
sleep 200
