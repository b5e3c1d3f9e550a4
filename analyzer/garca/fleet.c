/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "dataset.h"
#include "fleet.h"
#include "ingest/ingest.h"

/* One stored crash into slot f->n; skipped (no error) if it is unreadable. */
static struct lsg_error *load_one(struct store *s, const struct oops_ctx *oops,
				  struct file_ctx *fctx, const json_t *row,
				  struct fleet *f)
{
	const char *id = json_string_value(json_object_get(row, "id"));
	const char *label = json_string_value(json_object_get(row, "label"));
	struct oops_result *res = NULL;
	struct ingest_bundle b;
	enum ingest_reason why;
	struct lsg_error *err;
	size_t len;
	void *buf;

	if (!id)
		return NULL;
	err = store_get_bundle(s, id, &buf, &len);
	if (err || !buf)
		return err;
	err = ingest_decode(buf, len, NULL, &why, &b);
	free(buf);
	if (err) {
		lsg_error_destroy(err);
		return NULL;
	}
	err = oops_parse(oops, &b.log, &res);
	if (!err)
		err = lines_from_log(fctx, &b.log, res, &f->crash[f->n]);
	oops_result_destroy(res);
	ingest_bundle_deinit(&b);
	if (err)
		return err;
	f->id[f->n] = strdup(id);
	f->label[f->n] = label ? dataset_class(label) : -1;
	f->n++;
	return f->id[f->n - 1] ? NULL : &lsg_enomem;
}

struct lsg_error *fleet_load(struct store *s, const struct oops_ctx *oops,
			     struct file_ctx *fctx, size_t max,
			     struct fleet *ret)
{
	struct fleet f = { 0 };
	struct lsg_error *err = NULL;
	size_t seen = 0;

	f.id = calloc(max + 1, sizeof(*f.id));
	f.crash = calloc(max + 1, sizeof(*f.crash));
	f.label = calloc(max + 1, sizeof(*f.label));
	if (!f.id || !f.crash || !f.label)
		err = &lsg_enomem;
	while (!err && seen < max) {
		struct store_filter flt = {
			.since = STORE_TIME_NONE, .until = STORE_TIME_NONE,
			.limit = STORE_LIST_MAX, .offset = (unsigned)seen };
		json_t *rows = NULL, *row;
		size_t i;

		err = store_list(s, &flt, &rows);
		if (err || !json_array_size(rows)) {
			json_decref(rows);
			break;
		}
		json_array_foreach(rows, i, row)
			if (!err && seen++ < max)
				err = load_one(s, oops, fctx, row, &f);
		json_decref(rows);
	}
	if (err) {
		fleet_deinit(&f);
		return lsg_error_wrap(err, "stored crashes");
	}
	*ret = f;
	return NULL;
}

void fleet_deinit(struct fleet *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->id[i]);
		lines_crash_deinit(&f->crash[i]);
	}
	free(f->id);
	free(f->crash);
	free(f->label);
	memset(f, 0, sizeof(*f));
}
