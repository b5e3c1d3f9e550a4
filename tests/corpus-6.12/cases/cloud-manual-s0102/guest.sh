# 6.12.117+deb12-cloud-amd64 manual seed 102
set_sysctl vm.panic_on_oom 0
set_sysctl kernel.watchdog_thresh 5
set_sysctl kernel.softlockup_panic 1
set_sysctl kernel.panic_on_rcu_stall 1
set_sysctl kernel.panic_on_oops 1
set_sysctl kernel.hung_task_timeout_secs 15
set_sysctl kernel.hung_task_panic 1
data_mount
workload_start
sleep 1.9
modload loop 
sleep 2.5
sleep 0.5
cpu_flap 1
sleep 1.0
knob verbose 300
sleep 1.4
echo t > /proc/sysrq-trigger
sleep 0.5
cause
sh -c 'echo c > /proc/sysrq-trigger'
sleep 200
