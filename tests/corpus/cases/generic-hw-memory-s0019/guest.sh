# 6.1.0-56-amd64 hw-memory seed 19
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
sleep 1.6
memcg_hog 24M 64
sleep 1.3
echo 3 > /proc/sys/vm/drop_caches
sleep 1.9
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.9
cpu_flap 3
sleep 1.5
cause
host mce 1 4 0x9c0000000000009f 0x0 0xbf57180 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0x14e2ac0 0x86
sleep 3.0
host mce 1 4 0x9c0000000000009f 0x0 0x21907c0 0x86
sleep 3.0
host mce -b 0 4 0xbe0000000000009f 0x6 0x6ce08c0 0x86
sleep 200
