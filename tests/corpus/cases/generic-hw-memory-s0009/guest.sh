# 6.1.0-56-amd64 hw-memory seed 9
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
set_param /sys/devices/system/machinecheck/machinecheck0/check_interval 1
sleep 2.2
cpu_flap 1
sleep 0.6
knob timeout 0
sleep 0.7
daemon_log 'kernel-install[902]' 'Skipping initrd generation'
sleep 1.6
modload tun 
sleep 2.2
modunload tun
sleep 1.4
knob verbose 1600
sleep 1.5
echo 1 > /proc/sys/vm/drop_caches
sleep 1.9
cause
host mce -b 1 3 0xbe0000000000009f 0x6 0x59f8b00 0x86
sleep 200
