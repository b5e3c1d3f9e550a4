/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the MAINTAINERS reader and its matcher: the input is a MAINTAINERS
 * file; a few paths and the input itself (as crash text for K:) are
 * looked up, and every entry is read back.  Seeds are excerpts of the
 * real 6.1 file (tests/data/maintainers).
 */
#include <stdint.h>
#include <stdlib.h>

#include "report/maintainers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t walk(json_t *m)
{
	const json_t *e;
	size_t i, n = 0;

	json_array_foreach(m, i, e)
		n += json_object_size(e);
	json_decref(m);
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const files[] = {
		"fs/ext4/inode.c", "drivers/net/wireless/ath/main.c",
		"include/linux/hwmon-sysfs.h", "mm", "a/b/c/d/e/f.c",
	};
	struct maint_db *db;
	struct lsg_error *err;
	volatile size_t sink = 0;

	err = maint_parse((const char *)data, size, &db);
	if (err) {
		lsg_error_destroy(err);
		return 0;
	}
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		sink += walk(maint_lookup(db, files[i], NULL, 0));
	sink += walk(maint_lookup(db, NULL, (const char *)data, size));
	maint_db_destroy(db);
	(void)sink;
	return 0;
}
