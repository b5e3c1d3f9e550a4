#!/usr/bin/env python3
"""Scenario definitions and the per-case driver of the crash corpus.

One case = one kernel, one root-cause class, one seed.  The seed picks the
variant, the background noise and every parameter (random.Random seeded
with "kernel|class|seed"), so the same triple always gives the same guest
script, the same QEMU-side actions and the same label rules.

Subcommands (tests/scenarios/run calls them; see README.md there):

  scen.py layout ASSETS            find the data disk's sectors (debugfs)
  scen.py plan KERNEL CLASS SEED   print the guest script and label rules
  scen.py case ...                 run one case: QEMU, dump, capture, label
  scen.py manifest CORPUS          rewrite CORPUS/manifest.tsv
  scen.py textcases CORPUS         text-log cases from bundle cases' consoles
"""

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

TOP = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CAPTURE = os.path.join(TOP, "build", "logsage-capture")

# uname -r -> flavour.  The 6.12 ones are bookworm's backport kernel, the
# held-out kernel of tests/corpus-6.12.
KERNELS = {
    "6.1.0-56-cloud-amd64": "cloud",
    "6.1.0-56-amd64": "generic",
    "6.12.117+deb12-cloud-amd64": "cloud",
    "6.12.117+deb12-amd64": "generic",
}

# The kernel command line is the same for every case: it is in the bundle.
CMDLINE = "console=ttyS0 panic=10 vm.disks=1"
GUEST_MIB = 384
CASE_TIMEOUT = 150
# A QMP command (the dump included) that takes longer means QEMU is stuck.
QMP_TIMEOUT = 90

# --- disk layout --------------------------------------------------------

DISK_MIB = 96
FS_MIB = 64
# Sectors past the file system: raw reads there hit no ext4 metadata.
RAW_FIRST = FS_MIB * 2048 + 2048
RAW_LAST = DISK_MIB * 2048 - 16


def disk_make(path, stage):
    """An ext4 image with a few directories and files, like a data disk."""
    os.makedirs(stage, exist_ok=True)
    for d in ("spool", "archive", "db/idx", "log"):
        os.makedirs(os.path.join(stage, d), exist_ok=True)
    rng = random.Random(1)
    for i in range(48):
        with open(os.path.join(stage, "archive", "a%02d" % i), "wb") as f:
            f.write(rng.randbytes(2048 + 512 * (i % 5)))
    for i in range(24):
        with open(os.path.join(stage, "db/idx", "i%02d" % i), "wb") as f:
            f.write(rng.randbytes(4096))
    with open(os.path.join(stage, "db", "table"), "wb") as f:
        f.write(rng.randbytes(1 << 20))
    with open(path, "wb") as f:
        f.truncate(DISK_MIB << 20)
    subprocess.run(["mkfs.ext4", "-q", "-F", "-b", "4096", "-I", "256",
                    "-J", "size=4", "-E", "lazy_itable_init=0,"
                    "lazy_journal_init=0", "-d", stage, path,
                    "%dM" % FS_MIB], check=True)


def debugfs(img, req):
    r = subprocess.run(["debugfs", "-R", req, img], capture_output=True,
                       text=True, check=True)
    return r.stdout


def disk_layout(img):
    """Sectors (512 B) the storage scenarios aim at, from debugfs."""
    lay = {}

    def imap(path):
        m = re.search(r"located at block (\d+)", debugfs(img, "imap " + path))
        return int(m.group(1)) * 8

    def blocks(path):
        return [int(b) * 8 for b in debugfs(img, "blocks " + path).split()]

    # inode table blocks that hold only /archive's files (16 inodes each)
    lay["itable"] = sorted({imap("/archive/a%02d" % i) for i in (20, 36)})
    lay["dir"] = blocks("/db/idx")[:1]
    lay["table"] = blocks("/db/table")
    return lay


# --- steps helpers --------------------------------------------------------


class Plan:
    """What one case does: guest steps, disk rules, label rules."""

    def __init__(self, kernel, cls, seed, layout):
        self.kernel = kernel
        self.flavour = KERNELS[kernel]
        self.cls = cls
        self.seed = seed
        self.rng = random.Random("%s|%s|%d" % (kernel, cls, seed))
        self.layout = layout
        self.steps = []
        self.rules = []         # blkdebug rules: dicts
        self.cause = []         # matchers applied after the cause mark
        self.symptom = []       # matchers for the fatal event
        self.expect = []        # regexes the log must contain
        self.variant = None
        self.noise = []
        self.sysctl = {
            "kernel.panic_on_oops": 1,
            "kernel.hung_task_timeout_secs": 15,
            "kernel.hung_task_panic": 1,
            "kernel.softlockup_panic": 1,
            "kernel.watchdog_thresh": 5,
            "kernel.panic_on_rcu_stall": 1,
            "vm.panic_on_oom": 0,
        }

    def add(self, *lines):
        self.steps.extend(lines)

    def sleep(self, lo, hi=None):
        t = lo if hi is None else self.rng.uniform(lo, hi)
        self.add("sleep %.1f" % t)

    def io_error(self, sector, write=False, once=False):
        self.rules.append({"event": "write_aio" if write else "read_aio",
                           "sector": sector, "once": once})


def line(rx):
    return ("line", rx)


def block(start, end, limit=400, stop=None):
    """Records from START to END (inclusive), or to just before STOP or
    a panic."""
    return ("block", start, end, limit, stop)


# An oops report runs to the panic: the register summary that follows
# "---[ end trace" belongs to it too.
OOPS_END = r"$^"
PANIC_RX = re.compile(r"^Kernel panic - not syncing")
PANIC = block(r"^Kernel panic - not syncing", r"$^", 100)
HUNG = block(r"^INFO: task \S+ blocked for more than", r"^Kernel panic", 300)


# --- noise ------------------------------------------------------------------


def n_module(p):
    m = p.rng.choice(["dummy", "tun", "null_blk", "scsi_debug", "loop",
                      "8021q"])
    args = {"null_blk": "nr_devices=1", "scsi_debug": "dev_size_mb=8",
            "dummy": "numdummies=1"}.get(m, "")
    p.add("modload %s %s" % (m, args))
    p.sleep(1, 3)
    if p.rng.random() < 0.7:
        p.add("modunload %s" % m)
    return "module:" + m


def n_link(p):
    if p.rng.random() < 0.5:
        p.add("host set_link nic0 off")
        p.sleep(1, 3)
        p.add("host set_link nic0 on")
        return "nic-link"
    p.add("knob link %d" % p.rng.choice([1000, 10000, 25000]))
    return "vxfer-link"


def n_cpu(p):
    p.add("cpu_flap %d" % p.rng.randint(1, 3))
    return "cpu-hotplug"


def n_warn(p):
    p.add("knob dma_mask 64")
    return "benign-warn"


def n_chatter(p):
    k = p.rng.choice(["reset", "timeout"])
    p.add("knob %s %d" % (k, p.rng.randint(0, 3)))
    return "vxfer-" + k


def n_flood(p):
    n = p.rng.choice([300, 800, 1600, 2600])
    p.add("knob verbose %d" % n)
    return "flood:%d" % n


def n_ioerr(p):
    s = p.rng.randrange(RAW_FIRST, RAW_LAST, 8)
    p.io_error(s, once=True)
    p.add("raw_read %d" % s, "raw_read %d" % s)
    return "recovered-io:%d" % s


def n_memcg(p):
    p.add("memcg_hog 24M %d" % p.rng.choice([48, 64, 96]))
    return "memcg-oom"


def n_oomkill(p):
    p.add("hog %d 2" % p.rng.choice([180, 220]))
    return "global-oom-kill"


def n_sysrq(p):
    k = p.rng.choice("mwlt")
    p.add("echo %s > /proc/sysrq-trigger" % k)
    return "sysrq-" + k


def n_daemon(p):
    tag, msg = p.rng.choice([
        ("chronyd[311]", "Selected source 10.20.0.1 (ntp.internal)"),
        ("systemd[1]", "Started Daily apt download activities."),
        ("kernel-install[902]", "Skipping initrd generation"),
        ("smartd[287]", "Device: /dev/vda, opened"),
    ])
    p.add("daemon_log '%s' '%s'" % (tag, msg))
    return "daemon-log"


def n_dropcache(p):
    p.add("echo %d > /proc/sys/vm/drop_caches" % p.rng.choice([1, 3]))
    return "drop-caches"


def n_mce_ce(p):
    bank = p.rng.choice([1, 3, 5])
    p.add("host " + mce_cmd(p, bank, corrected=True, mem=bank != 1))
    p.sleep(3)
    return "corrected-mce:%d" % bank


NOISE = {
    "module": n_module, "link": n_link, "cpu": n_cpu, "warn": n_warn,
    "chatter": n_chatter, "flood": n_flood, "ioerr": n_ioerr,
    "memcg": n_memcg, "sysrq": n_sysrq,
    "daemon": n_daemon, "mce": n_mce_ce, "dropcache": n_dropcache,
}


def add_noise(p, avoid=()):
    names = [n for n in NOISE if n not in avoid]
    if p.flavour != "generic":
        names = [n for n in names if n != "mce"]
    k = p.rng.randint(2, 6)
    for n in p.rng.sample(names, k):
        p.noise.append(NOISE[n](p))
        p.sleep(0.5, 2)


# --- machine checks -----------------------------------------------------

MCI_VAL = 1 << 63
MCI_OVER = 1 << 62
MCI_UC = 1 << 61
MCI_EN = 1 << 60
MCI_MISCV = 1 << 59
MCI_ADDRV = 1 << 58
MCI_PCC = 1 << 57
MCG_RIPV = 1
MCG_EIPV = 2
MCG_MCIP = 4


def mce_cmd(p, bank, corrected, mem, code=None, cpu=None, bcast=True):
    """HMP 'mce [-b] cpu bank status mcg_status addr misc'.  An
    uncorrected error is broadcast to every CPU, as Intel CPUs do; without
    -b the other CPUs never enter the handler (a rendezvous timeout)."""
    if code is None:
        code = 0x009f if mem else p.rng.choice([0x0150, 0x0175, 0x0400])
    status = MCI_VAL | MCI_EN | code
    if mem:
        status |= MCI_ADDRV | MCI_MISCV
    mcg = 0
    if not corrected:
        status |= MCI_UC | MCI_PCC
        mcg = MCG_MCIP | MCG_EIPV
    addr = p.rng.randrange(0x1000000, 0x10000000, 0x40) if mem else 0
    misc = 0x86 if mem else 0
    if cpu is None:
        cpu = p.rng.randint(0, 1)
    b = "-b " if bcast and not corrected else ""
    return "mce %s%d %d 0x%x 0x%x 0x%x 0x%x" % (b, cpu, bank, status, mcg,
                                               addr, misc)


# --- variants -------------------------------------------------------------
# Each variant function appends the cause steps and the label rules.  The
# "held" variant of each class (last in its list) is in the test split only.

NULL_OOPS = block(r"^BUG: kernel NULL pointer dereference", OOPS_END)


def v_null(knob, arg="1"):
    def f(p):
        p.add("knob %s %s" % (knob, arg))
        p.cause = [NULL_OOPS]
        p.expect = [r"BUG: kernel NULL pointer dereference"]
    return f


def v_oom_alloc(p):
    # Memory pressure (OOM kills, panic_on_oom=0) makes a driver's atomic
    # allocation fail; the driver does not check and dereferences NULL.
    p.add("knob rx_refill", "sleep 1",
          "hog %d 3" % p.rng.choice([130, 150]))
    p.cause = [block(r"page allocation failure", r"$^", 300,
                     stop=r"^BUG: kernel NULL"),
               line(r"invoked oom-killer"), line(r"^oom-kill:"),
               line(r"Out of memory: Killed process")]
    p.symptom = [NULL_OOPS, PANIC]
    p.expect = [r"page allocation failure",
                r"BUG: kernel NULL pointer dereference"]


def v_sysrq(p):
    p.add("sh -c 'echo c > /proc/sysrq-trigger'")
    p.cause = [line(r"^sysrq: Trigger a crash")]
    p.expect = [r"sysrq triggered crash"]


def v_sysrq_key(p):
    p.sysctl["kernel.sysrq"] = 1
    p.add("host sendkey alt-sysrq-c")
    p.cause = [line(r"^sysrq: Trigger a crash")]
    p.expect = [r"sysrq triggered crash"]


def v_nmi(p):
    p.sysctl["kernel.unknown_nmi_panic"] = 1
    p.add("host nmi")
    p.cause = [line(r"NMI received for unknown reason"),
               line(r"Dazed and confused")]
    p.expect = [r"NMI received for unknown reason"]


def v_warn(knob, arg, head):
    def f(p):
        p.add("knob %s %s" % (knob, arg))
        p.cause = [block(head, OOPS_END)]
        p.expect = [r"panic_on_warn set"]
    return f


def v_bug(knob, arg):
    def f(p):
        p.add("knob %s %s" % (knob, arg))
        p.cause = [block(r"^kernel BUG at ", OOPS_END)]
        p.expect = [r"kernel BUG at .*vxfer"]
    return f


def v_corrupt(knob, arg, head, expect):
    def f(p):
        p.add("knob %s %s" % (knob, arg))
        p.cause = [block(head, OOPS_END)]
        p.expect = [expect]
    return f


OOM_BLOCK = block(r"invoked oom-killer", r"^Kernel panic", 300)


def v_oom(kind):
    def f(p):
        p.sysctl["vm.panic_on_oom"] = 2 if kind == "memcg" else 1
        if kind == "anon":
            p.add("hog %d %d" % (p.rng.choice([120, 150]), 3))
        elif kind == "tmpfs":
            p.add("mkdir -p /run/cache",
                  "mount -t tmpfs -o size=512m tmpfs /run/cache",
                  "cat /dev/zero > /run/cache/blob 2>/dev/null")
        elif kind == "leak":
            p.add("knob prealloc")
        else:
            p.add("memcg_hog %dM 96" % p.rng.choice([24, 32]))
        p.cause = [OOM_BLOCK]
        p.expect = [r"Kernel panic - not syncing: Out of memory"]
    return f


def v_lockup(knob, head, rcu=False):
    def f(p):
        if rcu:
            p.sysctl["kernel.softlockup_panic"] = 0
        p.add("knob %s 1" % knob)
        p.cause = [block(head, r"^Kernel panic", 300)]
        p.expect = [head]
    return f


def v_hung(knob, bg=True):
    def f(p):
        p.add(("knob_bg %s" if bg else "knob %s") % knob)
        p.cause = [HUNG]
        p.expect = [r"blocked for more than"]
    return f


def v_io_stall(p):
    p.add(STALL)
    p.cause = [HUNG]
    p.expect = [r"blocked for more than"]


IOERR = r"I/O error, dev vd\w+, sector (%s) "
# A disk that all but stops writing: 512 bytes/s.  (blkdebug "break"
# suspends requests for good, and then QEMU cannot stop the VM to dump it:
# vm_stop drains the disk.  Throttling is lifted while draining.)
STALL = "host block_set_io_throttle d0 0 0 512 0 0 0"


def sectors_rx(ss):
    return "|".join(str(s) for s in ss)


def v_itable(p):
    s = p.rng.choice(p.layout["itable"])
    p.io_error(s)
    p.add("echo 3 > /proc/sys/vm/drop_caches",
          "cat /data/archive/* > /dev/null 2>&1")
    p.cause = [line(IOERR % s), line(r"^EXT4-fs error .*unable to read "
                                     r"itable block")]
    p.expect = [r"EXT4-fs error", r"panic forced after error"]


def v_dirblock(p):
    s = p.layout["dir"][0]
    p.io_error(s)
    # a lookup (ext4_find_entry: ext4_error), not readdir (a warning only)
    p.add("echo 3 > /proc/sys/vm/drop_caches",
          "cat /data/db/idx/i%02d > /dev/null" % p.rng.randrange(24))
    p.cause = [line(IOERR % s), line(r"^EXT4-fs error .*reading directory")]
    p.expect = [r"EXT4-fs error", r"panic forced after error"]


def v_errors_stall(p):
    ss = p.rng.sample(p.layout["table"], 4)
    for s in ss:
        p.io_error(s, write=p.rng.random() < 0.5)
    p.add("echo 3 > /proc/sys/vm/drop_caches")
    for s in ss:
        p.add("raw_read %d" % s, "raw_write %d" % s)
    p.add(STALL)
    p.cause = [line(IOERR % sectors_rx(ss)),
               line(r"Buffer I/O error on dev vd")]
    p.symptom = [HUNG]
    p.expect = [r"I/O error, dev vd", r"blocked for more than"]


def v_mce(mem, pre_ce, bcast=True):
    def f(p):
        bank = p.rng.choice([2, 3, 4]) if mem else p.rng.choice([0, 1, 5])
        for _ in range(pre_ce):
            p.add("host " + mce_cmd(p, bank, corrected=True, mem=mem))
            p.sleep(3)
        p.add("host " + mce_cmd(p, bank, corrected=False, mem=mem,
                                bcast=bcast))
        p.cause = [line(r"^mce: ")]
        if not bcast:
            p.cause.append(line(r"^mce: CPUs not responding to MCE"))
        if pre_ce:
            p.cause.append(line(r"Machine check events logged"))
        p.expect = [r"[Mm]achine check" if bcast else
                    r"Not all CPUs entered broadcast exception handler"]
    return f


AER_LINES = [line(r"AER: "), line(r"PCIe Bus Error"),
             line(r"device \[[0-9a-f]{4}:[0-9a-f]{4}\] error status"),
             line(r"^\S+ \S+\s+\[\s*\d+\] "),
             line(r"Link Active not set")]


def v_aer(err, then_hung=True):
    def f(p):
        # The root port above the data disk reports it (virtio-pci has no
        # AER capability of its own); recovery resets the link.
        p.add("host pcie_aer_inject_error rp1 %s" % err)
        if then_hung:
            p.add("sleep 3", "echo 3 > /proc/sys/vm/drop_caches",
                  "cat /data/db/table > /dev/null &", "sync &")
        p.cause = list(AER_LINES)
        p.symptom = [HUNG]
        p.expect = [r"AER: ", r"blocked for more than"]
    return f


def v_stack(knob):
    def f(p):
        p.add("knob %s" % knob)
        p.cause = [block(r"^BUG: \w+ stack guard page was hit", OOPS_END)]
        p.expect = [r"stack guard page was hit"]
    return f


VARIANTS = {
    "null-deref": [("reap-work", v_null("ring_reap")),
                   ("flush-fnptr", v_null("flush")),
                   ("ring-init-write", v_null("ring_init", "2")),
                   ("poll-timer", v_null("poll_ms", "100"))],
    "manual": [("sysrq-c", v_sysrq), ("nmi-button", v_nmi),
               ("sysrq-keyboard", v_sysrq_key)],
    "warn-panic": [
        ("tx-timeout", v_warn("tx_timeout", "1", r"^WARNING: CPU: .*vxfer")),
        ("ring-size", v_warn("ring_size", "300", r"^ring size \d+ is not")),
        ("refcount", v_warn("release", "1", r"^refcount_t: "))],
    "assertion": [("resync-work", v_bug("resync", "1")),
                  ("commit-sysfs", v_bug("commit", "7")),
                  ("qos-timer", v_bug("qos", "100"))],
    "memory-corruption": [
        ("double-free", v_corrupt("teardown", "1", r"^kernel BUG at mm/slub",
                                  r"kernel BUG at mm/slub")),
        ("list-del", v_corrupt("requeue", "1", r"^list_del corruption",
                               r"list_del corruption")),
        # 6.12 prints the first line as "Oops: general protection ..."
        ("use-after-free", v_corrupt("detach", "3",
                                     r"^(Oops: )?general protection fault",
                                     r"general protection fault")),
        ("list-add", v_corrupt("attach", "2", r"^list_add double add",
                               r"list_add double add"))],
    "oom": [("anon-hog", v_oom("anon")), ("driver-leak", v_oom("leak")),
            ("memcg", v_oom("memcg")), ("alloc-failure-oops", v_oom_alloc),
            ("tmpfs-fill", v_oom("tmpfs"))],
    "lockup": [("soft-spin", v_lockup("spin", r"^watchdog: BUG: soft lockup")),
               ("rcu-stall-irqoff",
                v_lockup("spin_irq", r"rcu: INFO: rcu_\w+ detected stall",
                         rcu=True)),
               ("spinlock-aa", v_lockup("rearm",
                                        r"^watchdog: BUG: soft lockup"))],
    "hung-task": [("abba", v_hung("abba", bg=False)),
                  ("fw-wait", v_hung("fw_activate")),
                  ("flush-deadlock", v_hung("drain")),
                  ("io-stall", v_io_stall)],
    "storage-io": [("itable-read", v_itable), ("dir-read", v_dirblock),
                   ("errors-then-stall", v_errors_stall)],
    "hw-memory": [("uc-read", v_mce(True, 0)),
                  ("ce-then-uc", v_mce(True, 3)),
                  ("uc-rendezvous-timeout", v_mce(True, 1, bcast=False))],
    "hw-cpu": [("uc-internal", v_mce(False, 0)),
               ("ce-then-uc", v_mce(False, 3)),
               ("uc-rendezvous-timeout", v_mce(False, 1, bcast=False))],
    "hw-pcie": [("fatal-dlp-hung", v_aer("DLP")),
                ("fatal-surprise-down-hung", v_aer("SDN")),
                ("fatal-fcp-hung", v_aer("FCP"))],
    "stack-overflow": [("walk-sysfs", v_stack("walk")),
                       ("walk-work", v_stack("walk_async"))],
}

# Cause and symptom differ in these variants (the label is the cause).
CAUSE_NOT_SYMPTOM = {
    ("oom", "alloc-failure-oops"), ("storage-io", "errors-then-stall"),
    ("hw-memory", "ce-then-uc"), ("hw-cpu", "ce-then-uc"),
    ("hw-memory", "uc-rendezvous-timeout"), ("hw-cpu", "uc-rendezvous-timeout"),
    ("hw-pcie", "fatal-dlp-hung"), ("hw-pcie", "fatal-surprise-down-hung"),
    ("hw-pcie", "fatal-fcp-hung"),
}

# Noise that would change the outcome of a class.
AVOID = {
    "oom": ("oomkill", "memcg"),
    "storage-io": ("ioerr",),
    "hw-memory": ("mce",),
    "hw-cpu": ("mce",),
    "lockup": ("cpu",),
    "warn-panic": (),
}

FLAVOURS = {
    "hw-memory": ("generic",),
    "hw-cpu": ("generic",),
}


def held_variant(cls):
    return VARIANTS[cls][-1][0]


def split_of(cls, variant, seed):
    if variant == held_variant(cls) or seed % 5 == 4:
        return "test"
    return "train"


def make_plan(kernel, cls, seed, layout):
    p = Plan(kernel, cls, seed, layout)
    name, fn = VARIANTS[cls][seed % len(VARIANTS[cls])]
    p.variant = name
    pre = []
    p.steps = pre
    p.add("data_mount", "workload_start")
    if p.flavour == "generic":
        p.add("set_param /sys/devices/system/machinecheck/machinecheck0/"
              "check_interval 1")
    p.sleep(1, 3)
    add_noise(p, AVOID.get(cls, ()))
    p.steps = []
    fn(p)
    cause_steps = p.steps
    p.steps = pre
    for k, v in sorted(p.sysctl.items()):
        if k not in ("kernel.panic_on_warn",):
            p.steps.insert(0, "set_sysctl %s %s" % (k, v))
    if cls == "warn-panic":
        p.add("set_sysctl kernel.panic_on_warn 1")
    p.add("cause")
    p.steps.extend(cause_steps)
    p.add("sleep 200")
    if not p.symptom:
        p.symptom = [PANIC]
    return p


def plan_script(p):
    return "# %s %s seed %d\n%s\n" % (p.kernel, p.cls, p.seed,
                                     "\n".join(p.steps))


def blkdebug_cfg(p):
    out = []
    for r in p.rules:
        out.append('[inject-error]\nevent = "%s"\nerrno = "5"\n'
                   'sector = "%d"\nonce = "%s"\n' %
                   (r["event"], r["sector"], "on" if r["once"] else "off"))
    return "\n".join(out)


# --- QMP ------------------------------------------------------------------


class QMP:
    def __init__(self, path, deadline):
        while True:
            try:
                self.s = socket.socket(socket.AF_UNIX)
                self.s.connect(path)
                break
            except OSError:
                if time.time() > deadline:
                    raise
                time.sleep(0.1)
        self.s.settimeout(QMP_TIMEOUT)
        self.buf = b""
        self.events = []
        self._read()
        self.cmd("qmp_capabilities")

    def _read(self, block=True):
        self.s.setblocking(block)
        try:
            while b"\n" not in self.buf:
                d = self.s.recv(65536)
                if not d:
                    raise EOFError("QMP closed")
                self.buf += d
        except BlockingIOError:
            return None
        finally:
            self.s.settimeout(QMP_TIMEOUT)
        ln, self.buf = self.buf.split(b"\n", 1)
        return json.loads(ln)

    def poll(self):
        while True:
            m = self._read(block=False)
            if m is None:
                return
            if "event" in m:
                self.events.append(m)

    def cmd(self, name, **args):
        msg = {"execute": name}
        if args:
            msg["arguments"] = args
        self.s.sendall(json.dumps(msg).encode() + b"\n")
        while True:
            m = self._read()
            if "event" in m:
                self.events.append(m)
                continue
            if "QMP" in m:
                continue
            return m


# --- running one case ------------------------------------------------------


def case_name(kernel, cls, seed):
    return "%s-%s-s%04d" % (KERNELS[kernel], cls, seed)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=True, check=True, **kw)


def build_initrd(work, assets, p):
    stage = os.path.join(work, "stage")
    os.makedirs(os.path.join(stage, "etc/vm"), exist_ok=True)
    with open(os.path.join(stage, "etc/vm/case.sh"), "w") as f:
        f.write(plan_script(p))
    initrd = os.path.join(work, "initrd.img")
    sh("cd %s && find . -mindepth 1 | LC_ALL=C sort | "
       "cpio --quiet -o -H newc -R 0:0 | gzip -1n > %s/case.cpio.gz" %
       (stage, work))
    sh("cat %s/base.img %s/case.cpio.gz > %s" % (assets, work, initrd))
    return initrd


def qemu_argv(work, assets, p, initrd):
    cpu = "Haswell-noTSX" if p.flavour == "generic" else "qemu64"
    # timeout: QEMU never outlives a killed driver by long
    return [
        "timeout", "-k", "10", str(CASE_TIMEOUT + 120),
        "qemu-system-x86_64", "-accel", "tcg", "-machine", "q35",
        "-cpu", cpu, "-m", str(GUEST_MIB), "-smp", "2",
        "-nographic", "-no-reboot", "-monitor", "none",
        "-serial", "file:%s/console.log" % work,
        "-qmp", "unix:%s/qmp.sock,server=on,wait=off" % work,
        "-device", "vmcoreinfo", "-device", "pvpanic",
        "-action", "panic=pause",
        "-kernel", os.path.join(assets, "vmlinuz"), "-initrd", initrd,
        "-append", CMDLINE,
        "-drive", "file=blkdebug:%s/rules.cfg:%s/data.img,if=none,id=d0,"
        "format=raw,cache=unsafe" % (work, work),
        "-device", "pcie-root-port,id=rp1,chassis=1,slot=1",
        "-device", "pcie-root-port,id=rp2,chassis=2,slot=2",
        "-device", "virtio-blk-pci,drive=d0,serial=data,id=vd0,bus=rp1",
        "-netdev", "user,id=n0,restrict=on",
        "-device", "virtio-net-pci,netdev=n0,id=nic0,bus=rp2",
    ]


def run_vm(work, assets, p, log):
    """Boot, follow the guest's requests, dump at the panic.  Returns
    (vmcore path or None, cause mark in seconds or None, why)."""
    initrd = build_initrd(work, assets, p)
    con = os.path.join(work, "console.log")
    open(con, "w").close()
    t0 = time.time()
    deadline = t0 + CASE_TIMEOUT
    qf = open(os.path.join(work, "qemu.log"), "w")
    proc = subprocess.Popen(qemu_argv(work, assets, p, initrd),
                            stdin=subprocess.DEVNULL, stdout=qf, stderr=qf,
                            start_new_session=True)
    try:
        try:
            return qmp_session(work, proc, log, t0, deadline)
        except (OSError, EOFError) as e:
            return None, None, "QMP: %s" % e
    finally:
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            # a QEMU stuck in its main loop ignores SIGTERM
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        qf.close()


def qmp_session(work, proc, log, t0, deadline):
    con = os.path.join(work, "console.log")
    vmcore, mark, why = None, None, "timeout"
    q = QMP(os.path.join(work, "qmp.sock"), t0 + 30)
    pos, panic_seen = 0, None
    while time.time() < deadline:
        if proc.poll() is not None:
            why = "qemu exited (%d) without a panic" % proc.returncode
            break
        q.poll()
        with open(con, "rb") as f:
            f.seek(pos)
            data = f.read()
        nl = data.rfind(b"\n")
        if nl >= 0:
            for ln in data[:nl].decode("utf-8", "replace").splitlines():
                m = re.search(r"vm: host (.*)", ln)
                if m:
                    r = q.cmd("human-monitor-command",
                              **{"command-line": m.group(1).strip()})
                    log("hmp %s -> %s" % (m.group(1).strip(),
                                          json.dumps(r)[:200]))
                m = re.search(r"vm: cause ([\d.]+)", ln)
                if m:
                    mark = float(m.group(1))
                if "Kernel panic - not syncing" in ln and not panic_seen:
                    panic_seen = time.time()
                if "vm: scenario ended" in ln:
                    why = "scenario ended without a panic"
            pos += nl + 1
        ev = [e["event"] for e in q.events]
        if "GUEST_PANICKED" in ev or (panic_seen and
                                      time.time() - panic_seen > 8):
            if "GUEST_PANICKED" not in ev:
                q.cmd("stop")
                log("no pvpanic event; stopped the VM")
            t1 = time.time()
            vmcore = os.path.join(work, "vmcore.elf")
            r = q.cmd("dump-guest-memory", paging=False,
                      protocol="file:" + vmcore)
            if "error" in r:
                why = "dump-guest-memory: %s" % r["error"]
                vmcore = None
            else:
                log("panic after %.1f s, dump took %.1f s" %
                    (t1 - t0, time.time() - t1))
                why = None
            break
        time.sleep(0.25)
    if vmcore is None and proc.poll() is None:
        # no panic: keep the kernel's own log for the failure report
        log("status %s" % json.dumps(q.cmd("query-status")))
        q.cmd("stop")
        r = q.cmd("dump-guest-memory", paging=False,
                  protocol="file:" + os.path.join(work, "stuck.elf"))
        log("dump of the stuck guest: %s" % json.dumps(r)[:100])
    try:
        q.cmd("quit")
    except (OSError, EOFError):
        pass
    return vmcore, mark, why


def match_log(recs, matchers, start_ns):
    seqs = set()
    for m in matchers:
        if m[0] == "line":
            rx = re.compile(m[1])
            for r in recs:
                if r["ts_nsec"] >= start_ns and rx.search(r["text"]):
                    seqs.add(r["seq"])
        else:
            rs, re_end, limit = re.compile(m[1]), re.compile(m[2]), m[3]
            re_stop = re.compile(m[4]) if m[4] else PANIC_RX
            i = 0
            while i < len(recs):
                r = recs[i]
                if r["ts_nsec"] >= start_ns and rs.search(r["text"]):
                    j = i
                    while j < len(recs) and j - i < limit:
                        # a cause ends where the panic begins
                        if j > i and (PANIC_RX.search(recs[j]["text"]) or
                                      re_stop.search(recs[j]["text"])):
                            break
                        seqs.add(recs[j]["seq"])
                        if j > i and re_end.search(recs[j]["text"]):
                            break
                        j += 1
                    i = j + 1
                    continue
                i += 1
    return sorted(seqs)


def ranges(seqs):
    out, i = [], 0
    while i < len(seqs):
        j = i
        while j + 1 < len(seqs) and seqs[j + 1] == seqs[j] + 1:
            j += 1
        out.append(str(seqs[i]) if i == j else "%d-%d" % (seqs[i], seqs[j]))
        i = j + 1
    return ",".join(out)


def label(p, bundle_json, mark):
    recs = bundle_json["log"]
    start = int((mark or 0) * 1e9) - 300000000
    text = "\n".join(r["text"] for r in recs)
    missing = [e for e in p.expect if not re.search(e, text, re.M)]
    cause = match_log(recs, p.cause, start)
    symptom = [s for s in match_log(recs, p.symptom, start)
               if s not in set(cause)]
    return cause, symptom, missing


def case_plan(lab):
    """The plan a finished case was made with (its label.json)."""
    cache = os.environ.get("VM_CACHE") or os.environ.get(
        "LOGSAGE_CACHE") or os.path.expanduser("~/.cache/logsage")
    with open(os.path.join(cache, "scenarios", "assets", lab["kernel"],
                           "layout.json")) as f:
        layout = json.load(f)
    return make_plan(lab["kernel"], lab["class"], lab["seed"], layout)


def write_label(lf, lab):
    with open(lf + ".new", "w") as f:
        json.dump(lab, f, indent=1, sort_keys=True)
        f.write("\n")
    os.rename(lf + ".new", lf)


def bundle_json(case_dir):
    return json.loads(subprocess.run(
        ["zstd", "-dc", os.path.join(case_dir, "bundle.zst")],
        capture_output=True, check=True).stdout)


def relabel(corpus):
    """Recompute the cause/symptom seqs (bundle cases) or lines (text
    cases) of finished cases (the label rules may have been refined after
    the run)."""
    cdir = os.path.join(corpus, "cases")
    n = 0
    for name in sorted(os.listdir(cdir)):
        lf = os.path.join(cdir, name, "label.json")
        if not os.path.exists(lf):
            continue
        with open(lf) as f:
            lab = json.load(f)
        p = case_plan(lab)
        if p.variant != lab["variant"]:
            continue
        text = "log_lines" in lab
        if text:
            log = {"log": line_records(read_log_txt(
                os.path.join(cdir, name, "log.txt")))}
        else:
            log = bundle_json(os.path.join(cdir, name))
        cause, symptom, _ = label(p, log, lab["cause_mark_s"])
        if not cause:
            print("%s: no cause records with the current rules" % name)
            continue
        key = "lines" if text else "seqs"
        lab["cause_" + key] = ranges(cause)
        lab["symptom_" + key] = ranges(symptom)
        lab["cause_is_symptom"] = (lab["class"], lab["variant"]) not in \
            CAUSE_NOT_SYMPTOM
        write_label(lf, lab)
        n += 1
    return n


# --- text-log cases ----------------------------------------------------------
# A text case is the serial console (or the dump's log in vmcore-dmesg's
# format) of a bundle case, labeled by line: what an analyzer gets as a
# plain text log.

CONSOLE_TS = re.compile(r"^\[\s*(\d+)\.(\d{6})\] ?")
# What the guest script writes for the host (tests/vm/guest/init vm_say):
# it names the injection, and no real machine prints it.
HARNESS_RX = re.compile(r"^vm: ")


def text_lines(raw):
    """A text log's lines without the guest script's own, CR LF as LF.
    None when a harness line is mixed into a kernel line."""
    lines = [ln[:-1] if ln.endswith("\r") else ln
             for ln in raw.split("\n")]
    if lines and lines[-1] == "":
        lines.pop()
    lines = [ln for ln in lines if not HARNESS_RX.search(ln)]
    if any("vm: cause " in ln or "vm: host " in ln for ln in lines):
        return None
    return lines


def read_log_txt(path):
    """log.txt's lines: LF ends a line; a lone CR (firmware output) is
    text, as logsage analyze reads it."""
    with open(path, encoding="utf-8", errors="surrogateescape",
              newline="") as f:
        return f.read().split("\n")[:-1]


def line_records(lines):
    """Lines as match_log records: seq = 0-based line index, text without
    the printk time; a line without one (firmware output) starts no
    match."""
    recs = []
    for i, ln in enumerate(lines):
        m = CONSOLE_TS.match(ln)
        ts = int(m.group(1)) * 10**9 + int(m.group(2)) * 1000 if m else -1
        recs.append({"seq": i, "ts_nsec": ts,
                     "text": ln[m.end():] if m else ln})
    return recs


# Text sources of a bundle case, in the order text_case tries them.
TEXT_SOURCES = (("console.log.zst", "serial console"),
                ("vmcore-dmesg.txt.zst", "vmcore-dmesg"))


def text_source(src, lab):
    """(lines, source, cause, symptom) of the first text source of bundle
    case SRC that holds the cause, or a string: why none does."""
    p = case_plan(lab)
    why = []
    for fname, source in TEXT_SOURCES:
        path = os.path.join(src, fname)
        if not os.path.exists(path):
            continue
        raw = subprocess.run(["zstd", "-dc", path], capture_output=True,
                             check=True).stdout
        lines = text_lines(raw.decode("utf-8", "surrogateescape"))
        if lines is None:
            why.append("%s: a harness line is mixed into a kernel line" %
                       source)
            continue
        cause, symptom, missing = label(p, {"log": line_records(lines)},
                                        lab["cause_mark_s"])
        if missing or not cause:
            why.append("%s lacks %s" % (source, missing or "cause lines"))
            continue
        return lines, source, cause, symptom
    return "; ".join(why)


def text_case(corpus, name):
    """CORPUS/cases/NAME-txt from bundle case NAME.  Returns why not, or
    None."""
    src = os.path.join(corpus, "cases", name)
    with open(os.path.join(src, "label.json")) as f:
        lab = json.load(f)
    got = text_source(src, lab)
    if isinstance(got, str):
        return got
    lines, source, cause, symptom = got
    out = src + "-txt"
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    with open(os.path.join(tmp, "log.txt"), "w", encoding="utf-8",
              errors="surrogateescape", newline="") as f:
        f.write("".join(ln + "\n" for ln in lines))
    txt = {k: lab[k] for k in ("class", "variant", "kernel", "seed", "split",
                               "cause_is_symptom", "noise", "cause_mark_s")}
    txt.update({"case": name + "-txt", "source": source,
                "bundle_case": name, "log_lines": len(lines),
                "cause_lines": ranges(cause),
                "symptom_lines": ranges(symptom)})
    write_label(os.path.join(tmp, "label.json"), txt)
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    return None


def text_cases(corpus, per_class):
    """Text cases for PER_CLASS bundle cases of every class: different
    variants first, lowest seeds first."""
    rows = manifest(corpus)
    have = {r["bundle_case"] for r in rows if "bundle_case" in r}
    n = 0
    for cls in VARIANTS:
        rs = sorted((r for r in rows
                     if r["class"] == cls and "bundle_case" not in r),
                    key=lambda r: r["seed"])
        done = [r for r in rs if r["case"] in have]
        seen = {r["variant"] for r in done}
        todo = [r for r in rs if r["case"] not in have]
        while len(done) < per_class and todo:
            r = next((r for r in todo if r["variant"] not in seen), todo[0])
            todo.remove(r)
            why = text_case(corpus, r["case"])
            if why:
                print("%s-txt: skipped: %s" % (r["case"], why))
                continue
            done.append(r)
            seen.add(r["variant"])
            n += 1
            print("%s-txt: ok" % r["case"])
    manifest(corpus)
    return n


def run_case(a):
    kernel, cls, seed = a.kernel, a.cls, a.seed
    name = case_name(kernel, cls, seed)
    out = os.path.join(a.corpus, "cases", name)
    if os.path.exists(os.path.join(out, "label.json")):
        print("%s: done" % name)
        return 0
    with open(os.path.join(a.assets, "layout.json")) as f:
        layout = json.load(f)
    p = make_plan(kernel, cls, seed, layout)
    work = os.path.join(a.work, name)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    logf = open(os.path.join(work, "run.log"), "w")

    def log(msg):
        logf.write("%.1f %s\n" % (time.time(), msg))
        logf.flush()

    t0 = time.time()
    with open(os.path.join(work, "rules.cfg"), "w") as f:
        f.write(blkdebug_cfg(p))
    shutil.copyfile(os.path.join(a.assets, "data.img"),
                    os.path.join(work, "data.img"))
    vmcore, mark, why = run_vm(work, a.assets, p, log)
    if vmcore is None:
        return fail(a, name, work, why)
    bundle = os.path.join(work, "bundle.zst")
    r = subprocess.run([CAPTURE, "--vmcore", vmcore, "-o", bundle],
                       capture_output=True, text=True)
    if r.returncode:
        return fail(a, name, work, "logsage-capture failed (%d): %s" %
                    (r.returncode, r.stderr.strip()[-300:]))
    r = subprocess.run([CAPTURE, "--vmcore", vmcore, "--json"],
                       capture_output=True, text=True)
    if r.returncode:
        return fail(a, name, work, "logsage-capture --json failed")
    bj = json.loads(r.stdout)
    cause, symptom, missing = label(p, bj, mark)
    if missing:
        return fail(a, name, work, "log lacks %s" % missing)
    if not cause:
        return fail(a, name, work, "no cause records matched")
    # The dump's log as vmcore-dmesg prints it (kexec-tools' vmcore-dmesg
    # cannot read QEMU's physical-only dump): a text source that has what
    # the console had not printed yet when the VM stopped (reports from
    # NMI and #DF context are flushed to the console only after the panic
    # notifiers).
    with open(os.path.join(work, "vmcore-dmesg.txt"), "wb") as f:
        r = subprocess.run([CAPTURE, "--vmcore", vmcore, "--dmesg"],
                           stdout=f, stderr=subprocess.PIPE)
    if r.returncode:
        log("logsage-capture --dmesg failed (%d): %s" %
            (r.returncode, r.stderr[-300:]))
        os.unlink(os.path.join(work, "vmcore-dmesg.txt"))
    if a.keep_vmcore:
        # the work directory goes when the case is done
        kept = os.path.join(a.work, "vmcores")
        os.makedirs(kept, exist_ok=True)
        os.rename(vmcore, os.path.join(kept, name + ".elf"))
    else:
        os.unlink(vmcore)
    lab = {
        "case": name, "class": cls, "variant": p.variant, "kernel": kernel,
        "seed": seed, "split": split_of(cls, p.variant, seed),
        "cause_seqs": ranges(cause), "symptom_seqs": ranges(symptom),
        "cause_is_symptom": (cls, p.variant) not in CAUSE_NOT_SYMPTOM,
        "noise": p.noise, "cause_mark_s": mark,
        "capture_format": bj["capture"]["format"],
        "log_records": len(bj["log"]),
        "seconds": round(time.time() - t0, 1),
    }
    tmp = out + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    os.makedirs(tmp)
    shutil.copyfile(bundle, os.path.join(tmp, "bundle.zst"))
    with open(os.path.join(tmp, "guest.sh"), "w") as f:
        f.write(plan_script(p))
    sh("zstd -q -19 -o %s/console.log.zst %s/console.log" % (tmp, work))
    if os.path.exists(os.path.join(work, "vmcore-dmesg.txt")):
        sh("zstd -q -19 -o %s/vmcore-dmesg.txt.zst %s/vmcore-dmesg.txt" %
           (tmp, work))
    with open(os.path.join(tmp, "label.json"), "w") as f:
        json.dump(lab, f, indent=1, sort_keys=True)
        f.write("\n")
    shutil.rmtree(out, ignore_errors=True)
    os.rename(tmp, out)
    shutil.rmtree(work, ignore_errors=True)
    print("%s: ok %s %.0fs cause=%s" % (name, p.variant, lab["seconds"],
                                         lab["cause_seqs"]))
    return 0


def fail(a, name, work, why):
    fdir = os.path.join(a.work, "failed")
    os.makedirs(fdir, exist_ok=True)
    for f in ("console.log", "run.log", "qemu.log"):
        src = os.path.join(work, f)
        if os.path.exists(src):
            shutil.copyfile(src, os.path.join(fdir, "%s.%s" % (name, f)))
    with open(os.path.join(fdir, name + ".why"), "w") as f:
        f.write(why + "\n")
    stuck = os.path.join(work, "stuck.elf")
    if os.path.exists(stuck):
        with open(os.path.join(fdir, name + ".dmesg"), "w") as f:
            subprocess.run([CAPTURE, "--vmcore", stuck, "--dmesg"], stdout=f,
                           stderr=subprocess.STDOUT)
    if os.environ.get("SC_KEEP_STUCK") and os.path.exists(stuck):
        os.rename(stuck, os.path.join(fdir, name + ".stuck.elf"))
    for f in ("vmcore.elf", "stuck.elf", "data.img", "initrd.img"):
        try:
            os.unlink(os.path.join(work, f))
        except OSError:
            pass
    print("%s: FAILED %s" % (name, why))
    return 1


# --- manifest -------------------------------------------------------------


def manifest(corpus):
    rows = []
    cdir = os.path.join(corpus, "cases")
    for name in sorted(os.listdir(cdir)) if os.path.isdir(cdir) else []:
        lf = os.path.join(cdir, name, "label.json")
        if not os.path.exists(lf):
            continue
        with open(lf) as f:
            lab = json.load(f)
        rows.append(lab)
    # A bundle case has seqs, a text case (log.txt) has lines.
    cols = ["case", "class", "variant", "kernel", "seed", "split",
            "cause_seqs", "symptom_seqs", "cause_is_symptom",
            "cause_lines", "symptom_lines"]
    tmp = os.path.join(corpus, ".manifest.tsv.%d" % os.getpid())
    with open(tmp, "w") as f:
        f.write("\t".join(cols) + "\n")
        for r in rows:
            vals = [r.get(c, "") for c in cols]
            f.write("\t".join(str(v).lower() if isinstance(v, bool)
                              else str(v) for v in vals) + "\n")
    os.rename(tmp, os.path.join(corpus, "manifest.tsv"))
    return rows


def report(corpus):
    """Markdown: cases per class/kernel/split, variants, example lines."""
    every = manifest(corpus)
    rows = [r for r in every if "bundle_case" not in r]
    texts = [r for r in every if "bundle_case" in r]
    out = []
    kernels = sorted({r["kernel"] for r in rows})
    out.append("Bundle cases; the text-log cases (`-txt`) are listed after "
               "the table.")
    out.append("")
    out.append("| class | " + " | ".join(kernels) +
               " | train | test | variants (cases) |")
    out.append("|---" * (len(kernels) + 4) + "|")
    for cls in VARIANTS:
        rs = [r for r in rows if r["class"] == cls]
        vs = {}
        for r in rs:
            vs[r["variant"]] = vs.get(r["variant"], 0) + 1
        vtxt = ", ".join("%s%s (%d)" % (
            v, "*" if v == held_variant(cls) else "",
            vs.get(v, 0)) for v, _ in VARIANTS[cls])
        out.append("| %s | %s | %d | %d | %s |" % (
            cls, " | ".join(str(sum(1 for r in rs if r["kernel"] == k))
                            for k in kernels),
            sum(1 for r in rs if r["split"] == "train"),
            sum(1 for r in rs if r["split"] == "test"), vtxt))
    out.append("| total | %s | %d | %d | |" % (
        " | ".join(str(sum(1 for r in rows if r["kernel"] == k))
                   for k in kernels),
        sum(1 for r in rows if r["split"] == "train"),
        sum(1 for r in rows if r["split"] == "test")))
    secs = sorted(r["seconds"] for r in rows)
    if secs:
        out.append("")
        out.append("Seconds per case (QEMU start to bundle, two at a time "
                   "on 2 cores, TCG): median %.0f, 90th percentile %.0f, "
                   "max %.0f; %d cause-not-symptom cases." % (
                       secs[len(secs) // 2], secs[int(len(secs) * 0.9)],
                       secs[-1],
                       sum(1 for r in rows if not r["cause_is_symptom"])))
    if texts:
        out.append("")
        out.append("%d text-log cases (serial console as `log.txt`, labels "
                   "by line): %s." % (len(texts), ", ".join(
                       "%s %d" % (cls, n) for cls, n in
                       ((c, sum(1 for r in texts if r["class"] == c))
                        for c in VARIANTS) if n)))
    out.append("")
    out.append("Examples, one case per class (first cause record, first "
               "symptom record):")
    out.append("")
    for cls in VARIANTS:
        rs = [r for r in rows if r["class"] == cls]
        pick = next((r for r in rs if not r["cause_is_symptom"]),
                    rs[0] if rs else None)
        if not pick:
            continue
        bj = bundle_json(os.path.join(corpus, "cases", pick["case"]))
        text = {r["seq"]: r["text"] for r in bj["log"]}

        def first(rng):
            if not rng:
                return "(the cause record is the fatal one)"
            a = int(rng.split(",")[0].split("-")[0])
            return text.get(a, "?")[:110]
        out.append("- `%s` (%s, %s):" % (cls, pick["variant"], pick["case"]))
        out.append("  - cause: `%s`" % first(pick["cause_seqs"]))
        out.append("  - symptom: `%s`" % first(pick["symptom_seqs"]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("layout")
    s.add_argument("assets")
    s = sub.add_parser("plan")
    s.add_argument("kernel")
    s.add_argument("cls")
    s.add_argument("seed", type=int)
    s.add_argument("--assets")
    s = sub.add_parser("case")
    s.add_argument("--kernel", required=True)
    s.add_argument("--cls", required=True)
    s.add_argument("--seed", type=int, required=True)
    s.add_argument("--assets", required=True)
    s.add_argument("--corpus", required=True)
    s.add_argument("--work", required=True)
    s.add_argument("--keep-vmcore", action="store_true")
    s = sub.add_parser("list")
    s.add_argument("kernel")
    s = sub.add_parser("manifest")
    s.add_argument("corpus")
    s = sub.add_parser("report")
    s.add_argument("corpus")
    s.add_argument("--update-readme", action="store_true",
                   help="replace what follows <!-- report --> in "
                   "CORPUS/README.md")
    s = sub.add_parser("relabel")
    s.add_argument("corpus")
    s = sub.add_parser("textcases")
    s.add_argument("corpus")
    s.add_argument("--per-class", type=int, default=2)
    a = ap.parse_args()
    if a.cmd == "layout":
        img = os.path.join(a.assets, "data.img")
        disk_make(img, os.path.join(a.assets, "disk-stage"))
        shutil.rmtree(os.path.join(a.assets, "disk-stage"))
        with open(os.path.join(a.assets, "layout.json"), "w") as f:
            json.dump(disk_layout(img), f)
        return 0
    if a.cmd == "plan":
        lay = {"itable": [0], "dir": [0], "table": list(range(0, 80, 8))}
        if a.assets:
            with open(os.path.join(a.assets, "layout.json")) as f:
                lay = json.load(f)
        p = make_plan(a.kernel, a.cls, a.seed, lay)
        sys.stdout.write(plan_script(p))
        print("# variant %s, noise %s" % (p.variant, p.noise))
        print("# rules\n" + blkdebug_cfg(p))
        return 0
    if a.cmd == "list":
        fl = KERNELS[a.kernel]
        for c in VARIANTS:
            if fl in FLAVOURS.get(c, ("cloud", "generic")):
                print(c)
        return 0
    if a.cmd == "case":
        return run_case(a)
    if a.cmd == "textcases":
        print("textcases: %d new" % text_cases(a.corpus, a.per_class))
        return 0
    if a.cmd == "relabel":
        print("relabel: %d cases" % relabel(a.corpus))
        return 0
    if a.cmd == "report":
        text = report(a.corpus)
        if not a.update_readme:
            sys.stdout.write(text)
            return 0
        readme = os.path.join(a.corpus, "README.md")
        with open(readme) as f:
            head = f.read().split("<!-- report -->")[0]
        with open(readme + ".new", "w") as f:
            f.write(head + "<!-- report -->\n" + text)
        os.rename(readme + ".new", readme)
        return 0
    if a.cmd == "manifest":
        rows = manifest(a.corpus)
        print("manifest: %d cases" % len(rows))
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
