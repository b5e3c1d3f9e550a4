# 6.12.117+deb12-amd64 hw-memory seed 102
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
sleep 2.0
knob timeout 1
sleep 1.6
host set_link nic0 off
sleep 1.9
host set_link nic0 on
sleep 1.6
memcg_hog 24M 48
sleep 0.8
daemon_log 'systemd[1]' 'Started Daily apt download activities.'
sleep 0.9
modload scsi_debug dev_size_mb=8
sleep 1.2
sleep 2.0
echo 3 > /proc/sys/vm/drop_caches
sleep 1.8
cause
host mce -b 1 4 0xbe0000000000009f 0x6 0x38309c0 0x86
sleep 200
