# shellcheck shell=dash
# Sourced by /init in the arm64 first kernel (see ../guest/init): arm kdump
# for the arm64 console, then crash the way vm.scenario= says, with the
# x86_64 cases' ../guest/vmcore-first.sh (here /etc/vm/scenario.sh).
#
# Debian 12's kexec-tools (2.0.25) takes the kernel's physical load address
# from "_text" in /proc/kallsyms, which Debian's 6.1 arm64 kernels do not
# list.  kexec then writes a wrong ELF header for the crash kernel, and
# reading /proc/vmcore there dies with a synchronous external abort in
# copy_oldmem_page.  _text and _stext are the same address on arm64, so
# kexec is shown a kallsyms that also lists _text, bind-mounted for the
# kexec -p call only.

kallsyms_with_text()
{
	awk '$3 == "_stext" { stext = $1 } $3 == "_text" { have = 1 }
	     { print }
	     END { if (!have && stext != "") print stext " T _text" }' \
		/proc/kallsyms > /tmp/kallsyms
	grep -q ' _text$' /tmp/kallsyms &&
		mount --bind /tmp/kallsyms /proc/kallsyms
}

if ! kallsyms_with_text; then
	vm_say "no _stext in /proc/kallsyms"
	return 0
fi
armed=0
vm_kdump_arm console=ttyAMA0 && armed=1
umount /proc/kallsyms
[ $armed = 1 ] || return 0
# Armed already: the scenarios shared with x86_64 must not arm again.
vm_kdump_arm()
{
	:
}
# shellcheck disable=SC1091
. /etc/vm/scenario.sh
