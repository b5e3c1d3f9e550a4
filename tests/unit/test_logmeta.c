/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Issue 14: the kernel of a plain-text log from its own lines.  The
 * banner and command lines are the first lines of real vmcore-dmesg
 * output of Debian's 6.1.0-56-cloud-amd64 and 6.12.117+deb12-amd64
 * crashed in QEMU (tests/vm/make-vmcores).
 */
#include <string.h>

#include "harness.h"
#include "parse/logmeta.h"
#include "parse/textlog.h"

static const char banner_61[] =
	"[    0.000000] Linux version 6.1.0-56-cloud-amd64 (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.1.192-2 (2026-11-16)\n"
	"[    0.000000] Command line: console=ttyS0 crashkernel=160M oops=panic panic=-1 printk.devkmsg=on vm.scenario=nullderef vm.disks=3\n";

static const char banner_612[] =
	"[    0.000000] Linux version 6.12.117+deb12-amd64 (debian-kernel@lists.debian.org) (x86_64-linux-gnu-gcc-12 (Debian 12.2.0-14+deb12u1) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) #1 SMP PREEMPT_DYNAMIC Debian 6.12.117-1~deb12u1 (2026-11-14)\n";

/* A line that only mentions the banner is not one. */
static const char no_banner[] =
	"[    5.000000] audit: Linux version 9.9 is not a banner\n";

static json_t *kernel_of(const char *text, const char *header)
{
	struct lsg_log log;
	struct lsg_error *err = textlog_parse(text, strlen(text), &log, NULL);
	json_t *k;

	CHECK(!err);
	if (err) {
		lsg_error_destroy(err);
		return NULL;
	}
	k = logmeta_kernel(&log, header);
	lsg_log_deinit(&log);
	return k;
}

static const char *member(const json_t *k, const char *key)
{
	return json_string_value(json_object_get(k, key));
}

int main(void)
{
	json_t *k = kernel_of(banner_61, "6.1.0-0-other");

	CHECK_STR(member(k, "release"), "6.1.0-56-cloud-amd64");
	CHECK_STR(member(k, "version"), "#1 SMP PREEMPT_DYNAMIC Debian "
		  "6.1.192-2 (2026-11-16)");
	CHECK_STR(member(k, "cmdline"), "console=ttyS0 crashkernel=160M "
		  "oops=panic panic=-1 printk.devkmsg=on vm.scenario=nullderef "
		  "vm.disks=3");
	CHECK_STR(member(k, "source"), "banner");
	json_decref(k);

	k = kernel_of(banner_612, NULL);
	CHECK_STR(member(k, "release"), "6.12.117+deb12-amd64");
	CHECK(json_is_null(json_object_get(k, "cmdline")));
	json_decref(k);

	/* The banner scrolled out: a task header's release. */
	k = kernel_of(no_banner, "6.12.117+deb12-amd64");
	CHECK_STR(member(k, "release"), "6.12.117+deb12-amd64");
	CHECK_STR(member(k, "source"), "task header");
	CHECK(json_is_null(json_object_get(k, "version")));
	json_decref(k);

	/* Nothing names a release: no kernel object. */
	k = kernel_of(no_banner, NULL);
	CHECK(k == NULL);
	return test_exit();
}
