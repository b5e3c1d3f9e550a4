/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the bundle decoder: any bytes through ingest_decode() (zstd frame
 * or JSON, schema checks, log rebuilt) and freed.  Seeds: the real bundle
 * from a crashed Debian kernel, and small plain-JSON variants of it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "ingest/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Smaller than the default so a bomb costs milliseconds, not 64 MiB. */
	const struct ingest_limits lim = {
		.max_input = 1 << 20, .max_json = 4 << 20,
	};
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;

	err = ingest_decode(data, size, &lim, &why, &b);
	if (err) {
		/* Every rejection is named. */
		if (why == INGEST_OK || why >= INGEST_REASON_COUNT)
			abort();
		lsg_error_destroy(err);
		return 0;
	}
	if (b.log.nrecs != json_array_size(json_object_get(b.doc, "log")))
		abort();
	ingest_bundle_deinit(&b);
	return 0;
}
