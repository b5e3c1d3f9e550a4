/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the printk walker: the input is a memory image (tests/lib/memimage.h)
 * holding VMCOREINFO and the ring bytes; seeds are images of real vmcores.
 */
#include <stdlib.h>

#include "memimage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t scratch_size = 4u << 20;
	struct printk_stats stats;
	struct printk_reader rd;
	struct memimage img;
	struct vmcoreinfo vi;
	struct lsg_log log;
	void *scratch;

	if (memimage_parse(data, size, &img) ||
	    vmcoreinfo_parse(img.vmcoreinfo, img.vmcoreinfo_len, &vi))
		return 0;
	scratch = malloc(scratch_size);
	if (scratch && !lsg_log_init(&log, 1 << 14, 1u << 20, 256)) {
		rd = memimage_reader(&img);
		lsg_error_destroy(printk_read(&vi, &rd, scratch, scratch_size,
					      &log, &stats));
		lsg_log_deinit(&log);
	}
	free(scratch);
	vmcoreinfo_deinit(&vi);
	return 0;
}
