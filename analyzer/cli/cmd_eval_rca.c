/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The root-cause part of `logsage eval` (DESIGN §7): Table VI, ablations,
 * the label-efficiency curve.  cli_eval_rca() is what the command calls.
 */
#include <stdio.h>

#include "eval/rca.h"

#include "cli.h"

int cli_eval_rca(const struct cli_eval_rca_opts *o)
{
	struct rca_eval_opts ro = {
		.train_dir = o->train_dir, .test_dir = o->test_dir,
		.seed = o->seed, .curve = o->curve,
		.ablations = o->ablations };
	struct lsg_error *err;
	json_t *res;

	err = rca_eval(&ro, &res);
	if (err)
		return cli_fail(err);
	if (o->json)
		json_dumpf(res, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(6));
	else
		rca_eval_print(res, stdout);
	if (o->json)
		fputc('\n', stdout);
	json_decref(res);
	return 0;
}
