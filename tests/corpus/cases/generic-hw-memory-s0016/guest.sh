# 6.1.0-56-amd64 hw-memory seed 16
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
knob dma_mask 64
sleep 2.0
raw_read 172056
raw_read 172056
sleep 1.0
echo t > /proc/sysrq-trigger
sleep 1.1
knob link 1000
sleep 0.9
modload tun 
sleep 2.3
modunload tun
sleep 1.2
daemon_log 'chronyd[311]' 'Selected source 10.20.0.1 (ntp.internal)'
sleep 1.1
cause
host mce 0 2 0x9c0000000000009f 0x0 0xc26ca00 0x86
sleep 3.0
host mce 0 2 0x9c0000000000009f 0x0 0x7003dc0 0x86
sleep 3.0
host mce 1 2 0x9c0000000000009f 0x0 0xf1dfac0 0x86
sleep 3.0
host mce -b 1 2 0xbe0000000000009f 0x6 0x89d7380 0x86
sleep 200
