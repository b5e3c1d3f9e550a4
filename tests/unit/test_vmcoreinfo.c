/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * VMCOREINFO parsing.  The text is an excerpt of the real note from the
 * Debian 6.1.0-56-cloud-amd64 dump described in the shared reference (§C.1);
 * whole real notes are checked by the vmcore tests.
 */
#include "harness.h"
#include "vmcoreinfo.h"

static const char excerpt[] =
	"OSRELEASE=6.1.0-56-cloud-amd64\n"
	"BUILD-ID=3b43fad5034874490492495d552c0af6a5fab235\n"
	"PAGESIZE=4096\n"
	"SYMBOL(prb)=ffffffff90e622e0\n"
	"OFFSET(printk_info.text_len)=16\n"
	"SIZE(printk_info)=88\n"
	"NUMBER(phys_base)=-119537664\n"
	"NUMBER(bogus)=12z\n"
	"KERNELOFFSET=e400000\n"
	"CRASHTIME=1795374419";	/* the last line has no newline */

int main(void)
{
	struct vmcoreinfo vi;
	struct lsg_error *err;
	uint64_t u;
	int64_t n;
	char *big;

	err = vmcoreinfo_parse(excerpt, sizeof(excerpt), &vi);
	CHECK(!err);
	if (err)
		return test_exit();
	CHECK_STR(vmcoreinfo_get(&vi, "OSRELEASE"), "6.1.0-56-cloud-amd64");
	CHECK_STR(vmcoreinfo_get(&vi, "CRASHTIME"), "1795374419");
	CHECK(vmcoreinfo_get(&vi, "MISSING") == NULL);
	CHECK(vmcoreinfo_symbol(&vi, "prb", &u) && u == 0xffffffff90e622e0);
	CHECK(!vmcoreinfo_symbol(&vi, "log_first_idx", &u));
	CHECK(vmcoreinfo_number(&vi, "OFFSET", "printk_info.text_len", &n) &&
	      n == 16);
	CHECK(vmcoreinfo_number(&vi, "NUMBER", "phys_base", &n) &&
	      n == -119537664);
	n = 7;
	CHECK(!vmcoreinfo_number(&vi, "NUMBER", "bogus", &n) && n == 7);
	CHECK(vmcoreinfo_hex(&vi, "KERNELOFFSET", &u) && u == 0xe400000);
	CHECK(vi.raw_len == sizeof(excerpt) - 1);
	CHECK(!strcmp(vi.raw, excerpt));
	vmcoreinfo_deinit(&vi);

	big = malloc(VMCOREINFO_MAX_BYTES + 1);
	memset(big, 'A', VMCOREINFO_MAX_BYTES + 1);
	err = vmcoreinfo_parse(big, VMCOREINFO_MAX_BYTES + 1, &vi);
	CHECK(err && err->code == LSG_ERR_LIMIT);
	lsg_error_destroy(err);
	free(big);
	return test_exit();
}
