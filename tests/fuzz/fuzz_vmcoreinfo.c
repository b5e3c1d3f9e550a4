/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz the VMCOREINFO parser and its typed lookups; seeds are real notes. */
#include <stdint.h>

#include "vmcoreinfo.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const kinds[] = { "OFFSET", "SIZE", "LENGTH",
					     "NUMBER" };
	struct vmcoreinfo vi;
	uint64_t u;
	int64_t n;

	if (vmcoreinfo_parse((const char *)data, size, &vi))
		return 0;
	vmcoreinfo_get(&vi, "OSRELEASE");
	vmcoreinfo_symbol(&vi, "prb", &u);
	vmcoreinfo_hex(&vi, "KERNELOFFSET", &u);
	for (int i = 0; i < 4; i++)
		vmcoreinfo_number(&vi, kinds[i], "printk_info.seq", &n);
	vmcoreinfo_deinit(&vi);
	return 0;
}
