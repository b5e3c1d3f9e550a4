/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * mkmemimage VMCORE OUT: walk the printk log of a real vmcore and save every
 * byte the walker read (with the VMCOREINFO) as a memory image, the seed
 * data of the printk unit test and fuzz target.
 */
#include <stdio.h>
#include <stdlib.h>

#include "dump.h"
#include "memimage.h"

static struct lsg_error *read_dump(void *arg, uint64_t addr, void *buf,
				   size_t len)
{
	return dump_read(arg, addr, buf, len);
}

int main(int argc, char **argv)
{
	const struct vmcoreinfo *vi;
	struct memimage_recorder rec;
	struct printk_stats stats;
	struct printk_reader rd, inner;
	struct lsg_error *err;
	struct lsg_log log;
	struct dump *d;
	size_t scratch_size = 64u << 20;
	void *scratch = malloc(scratch_size);
	FILE *f;

	if (argc != 3 || !scratch) {
		fprintf(stderr, "usage: mkmemimage VMCORE OUT\n");
		return 2;
	}
	err = dump_open(argv[1], &d);
	if (!err)
		err = dump_vmcoreinfo(d, &vi);
	if (!err)
		err = lsg_log_init(&log, 1 << 20, 16u << 20, 4096);
	if (err) {
		lsg_error_print(err, "mkmemimage", stderr);
		return 1;
	}
	inner = (struct printk_reader){ read_dump, d, dump_ptr_size(d),
					dump_big_endian(d) };
	rd = memimage_record_start(&rec, &inner, vi->raw, vi->raw_len);
	err = printk_read(vi, &rd, scratch, scratch_size, &log, &stats);
	if (err) {
		lsg_error_print(err, "mkmemimage", stderr);
		return 1;
	}
	f = fopen(argv[2], "wb");
	if (!f || fwrite(rec.out.buf, 1, rec.out.len, f) != rec.out.len ||
	    fclose(f)) {
		perror(argv[2]);
		return 1;
	}
	printf("%s: %zu records, %u regions, %zu bytes\n", argv[2], log.nrecs,
	       rec.out.nregions, rec.out.len);
	free(rec.out.buf);
	free(scratch);
	lsg_log_deinit(&log);
	dump_close(d);
	return 0;
}
