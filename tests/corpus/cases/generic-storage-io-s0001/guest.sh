# 6.1.0-56-amd64 storage-io seed 1
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
sleep 1.2
knob dma_mask 64
sleep 1.9
host mce 0 3 0x9c0000000000009f 0x0 0x7902800 0x86
sleep 3.0
sleep 0.8
host set_link nic0 off
sleep 1.6
host set_link nic0 on
sleep 1.9
echo t > /proc/sysrq-trigger
sleep 1.3
modload 8021q 
sleep 2.3
modunload 8021q
sleep 1.2
memcg_hog 24M 48
sleep 1.9
cause
echo 3 > /proc/sys/vm/drop_caches
cat /data/db/idx/i14 > /dev/null
sleep 200
