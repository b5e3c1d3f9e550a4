/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz the GARCA model file reader: any bytes through garca_load(), and a
 * model that loads must predict on a crash without reading out of bounds
 * and save back to the bytes it was read from.  Seeds: a real model
 * trained by `logsage train` on six stored corpus crashes (two labeled),
 * and cuts of it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "garca/garca.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A hand-made stand-in crash: what is predicted on does not matter here. */
static void predict_once(const struct garca_model *m)
{
	char a[] = "I/O error, dev vda, sector 17120 op 0x1:(WRITE)";
	char b[] = "INFO: task jbd2/vda-8:137 blocked for more than 15 seconds.";
	char t[] = "INFO: task hung in jbd2_journal_commit_transaction";
	struct lines_line l[2] = {
		{ a, 1, 1, 3, LINES_NONE, 0, NULL }, { b, 2, 2, 3, 0, 0, NULL },
	};
	struct lines_event e = { OOPS_HUNG_TASK, t, 2, 1 };
	struct lines_crash c = { l, 2, &e, 1, 0 };
	struct garca_pred p;
	struct lsg_error *err = garca_predict(m, &c, &p);

	if (!err && (p.cls >= (int)garca_nclasses(m) || p.nevidence > 2))
		abort();
	lsg_error_destroy(err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct garca_model *m = NULL;
	struct lsg_error *err = garca_load(data, size, &m);
	struct blob b = { 0 };

	if (err) {
		if (m || !err->message)
			abort();
		lsg_error_destroy(err);
		return 0;
	}
	predict_once(m);
	garca_save(m, &b);
	if (!b.failed && (b.len != size || memcmp(b.buf, data, size)))
		abort();
	free(b.buf);
	garca_model_destroy(m);
	return 0;
}
