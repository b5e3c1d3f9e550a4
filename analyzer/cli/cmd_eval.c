/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * logsage eval: score the analysis on a labeled corpus (DESIGN §7).  Each
 * part of the analysis scored is one entry of sections[]: it adds one
 * member to the JSON object and one block to the text output, from the
 * shared set-up in struct eval_env (the corpora, which cases learn and
 * which score).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eval/corpus.h"
#include "eval/evalfile.h"
#include "eval/rca.h"
#include "file/file.h"
#include "parse/oops.h"

#include "cli.h"

struct eval_env {
	const struct corpus *train, *test;	/* may be the same corpus */
	int split;		/* one corpus: learn on train, score test */
	struct oops_ctx *oops;
	size_t n_train, n_test;
	/* the root-cause evaluation's */
	unsigned long long seed;
	int no_curve, no_ablations, no_rca;
};

struct eval_section {
	/* member of the JSON output; NULL: its members join the output's */
	const char *name;
	struct lsg_error *(*run)(struct eval_env *env, json_t **ret);
	void (*print)(const char *name, const json_t *j, FILE *f);
};

static void eval_usage(FILE *f)
{
	fputs("usage: logsage eval --corpus DIR [--json]\n"
	      "       logsage eval --train DIR1 --test DIR2 [--json]\n"
	      "\n"
	      "Scores the analysis on a labeled corpus (tests/corpus/README.md):\n"
	      "with --corpus, what is learned (FILE's background templates) comes\n"
	      "from its train split and the test split is scored; with --train and\n"
	      "--test, all of DIR1 is learned and all of DIR2 scored.\n"
	      "\n"
	      "file, file_published: FILE (ours, and the authors' last burst):\n"
	      "  recall     cause lines kept / cause lines\n"
	      "  reduction  1 - lines kept / lines (kept: lines kept / lines)\n"
	      "  median_lines, median_extra_lines (kept lines not cause lines)\n"
	      "  seconds_per_case  FILE's own time, one thread\n"
	      "methods, ablations, label_efficiency: the root cause in the form of\n"
	      "  the LogSage paper's Table VI (precision, recall, F1 macro over the\n"
	      "  classes the test side has, seconds per case with parsing and FILE),\n"
	      "  per-class F1, confusion matrices and errors; classes: which side\n"
	      "  has which class.  --seed N (default 1), --no-ablations, --no-curve;\n"
	      "  --no-rca leaves the root cause out (FILE only).\n"
	      "Figures are fractions.\n", f);
}

static struct lsg_error *run_file(struct eval_env *env, json_t **ret)
{
	struct evalfile_method m = { "file", NULL };
	size_t n, lines, templates;
	uint64_t docs;
	double secs;
	struct lsg_error *err = file_ctx_create(NULL, &m.ctx);
	json_t *tj;

	if (err)
		return err;
	err = evalfile_learn(m.ctx, env->train, env->split, &env->n_train,
			     &lines, &secs);
	if (!err)
		err = evalfile_score(&m, env->oops, env->test, env->split,
				     &n, ret);
	if (!err) {
		env->n_test = n;
		file_stats(m.ctx, &templates, &docs);
		tj = json_pack("{s:I,s:I,s:f}", "count", (json_int_t)templates,
			       "lines_mined", (json_int_t)lines,
			       "lines_per_second", secs > 0 ?
				       (double)lines / secs : 0.0);
		json_object_set_new(*ret, "templates", tj);
	}
	file_ctx_destroy(m.ctx);
	return err;
}

static struct lsg_error *run_published(struct eval_env *env, json_t **ret)
{
	struct evalfile_method m = { "file_published", NULL };
	size_t n;

	return evalfile_score(&m, env->oops, env->test, env->split, &n, ret);
}

/* Root cause, Table VI form (eval/rca.h): methods, ablations, curve. */
static struct lsg_error *run_rca(struct eval_env *env, json_t **ret)
{
	struct rca_eval_opts o = {
		.train_dir = env->train->dir, .test_dir = env->test->dir,
		.seed = env->seed, .curve = !env->no_curve,
		.ablations = !env->no_ablations };

	return rca_eval(&o, ret);
}

static void print_rca(const char *name, const json_t *j, FILE *f)
{
	(void)name;
	rca_eval_print(j, f);
}

static void print_scores(const char *name, const json_t *j, FILE *f);

static const struct eval_section sections[] = {
	{ "file", run_file, print_scores },
	{ "file_published", run_published, print_scores },
	{ NULL, run_rca, print_rca },
};

static void print_scores(const char *name, const json_t *j, FILE *f)
{
	const char *cls;
	const json_t *c;

	fprintf(f, "%s:\n  %-20s %4s %7s %9s %6s %6s %9s\n", name, "class",
		"n", "recall", "reduction", "lines", "extra", "ms/case");
	json_object_foreach((json_t *)json_object_get(j, "per_class"), cls, c)
		fprintf(f, "  %-20s %4lld %7.3f %9.3f %6.1f %6.1f %9.3f\n", cls,
			(long long)json_integer_value(json_object_get(c, "n")),
			json_number_value(json_object_get(c, "recall")),
			json_number_value(json_object_get(c, "reduction")),
			json_number_value(json_object_get(c, "median_lines")),
			json_number_value(json_object_get(c, "median_extra_lines")),
			1e3 * json_number_value(json_object_get(c,
				"seconds_per_case")));
	fprintf(f, "  %-20s %4lld %7.3f %9.3f %6.1f %6.1f %9.3f\n", "all",
		(long long)json_integer_value(json_object_get(j, "n")),
		json_number_value(json_object_get(j, "recall")),
		json_number_value(json_object_get(j, "reduction")),
		json_number_value(json_object_get(j, "median_lines")),
		json_number_value(json_object_get(j, "median_extra_lines")),
		1e3 * json_number_value(json_object_get(j, "seconds_per_case")));
	c = json_object_get(j, "templates");
	if (c)
		fprintf(f, "  templates: %lld from %lld lines, %.0f lines/s\n",
			(long long)json_integer_value(json_object_get(c, "count")),
			(long long)json_integer_value(json_object_get(c,
				"lines_mined")),
			json_number_value(json_object_get(c,
				"lines_per_second")));
}

static struct lsg_error *eval_run(struct eval_env *env, json_t **ret)
{
	json_t *out = json_object();
	struct lsg_error *err = NULL;

	if (!out)
		return &lsg_enomem;
	for (size_t i = 0; !err && i < sizeof(sections) / sizeof(sections[0]);
	     i++) {
		json_t *j = NULL;

		if (env->no_rca && sections[i].run == run_rca)
			continue;
		err = sections[i].run(env, &j);
		if (!err && sections[i].name)
			json_object_set_new(out, sections[i].name, j);
		else if (!err)
			json_object_update_new(out, j);
	}
	if (!err) {
		json_object_set_new(out, "n_train", json_integer(
			(json_int_t)env->n_train));
		json_object_set_new(out, "n_test", json_integer(
			(json_int_t)env->n_test));
		*ret = out;
	} else {
		json_decref(out);
	}
	return err;
}

static void print_report(const json_t *out, FILE *f)
{
	int rca = json_object_get(out, "methods") != NULL;

	fprintf(f, "learned from %lld cases, scored %lld\n",
		(long long)json_integer_value(json_object_get(out, "n_train")),
		(long long)json_integer_value(json_object_get(out, "n_test")));
	for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++)
		if (rca || sections[i].run != run_rca)
			sections[i].print(sections[i].name, sections[i].name ?
				  json_object_get(out, sections[i].name) :
				  out, f);
}

static const struct option eval_options[] = {
	{ "corpus", required_argument, NULL, 'c' },
	{ "train", required_argument, NULL, 'r' },
	{ "test", required_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ "seed", required_argument, NULL, 's' },
	{ "no-ablations", no_argument, NULL, 'A' },
	{ "no-curve", no_argument, NULL, 'C' },
	{ "no-rca", no_argument, NULL, 'R' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static struct lsg_error *open_corpora(const char *one, const char *train,
				      const char *test, struct corpus **a,
				      struct corpus **b)
{
	struct lsg_error *err = corpus_open(one ? one : train, a);

	if (!err && !one)
		err = corpus_open(test, b);
	return err;
}

int cmd_eval(int argc, char **argv)
{
	const char *one = NULL, *train = NULL, *test = NULL;
	struct corpus *a = NULL, *b = NULL;
	struct eval_env env = { .seed = 1 };
	struct lsg_error *err;
	json_t *out = NULL;
	int c, json = 0;

	while ((c = getopt_long(argc, argv, "h", eval_options, NULL)) != -1) {
		switch (c) {
		case 'c': one = optarg; break;
		case 'r': train = optarg; break;
		case 't': test = optarg; break;
		case 'j': json = 1; break;
		case 's':
			if (cli_parse_size(optarg, 0, ~0ull, &env.seed)) {
				eval_usage(stderr);
				return 2;
			}
			break;
		case 'A': env.no_ablations = 1; break;
		case 'C': env.no_curve = 1; break;
		case 'R': env.no_rca = 1; break;
		case 'h': eval_usage(stdout); return 0;
		default: eval_usage(stderr); return 2;
		}
	}
	if (optind != argc || !one == !(train && test) || (one && (train || test))) {
		eval_usage(stderr);
		return 2;
	}
	err = open_corpora(one, train, test, &a, &b);
	if (!err)
		err = oops_ctx_create(&env.oops);
	if (!err) {
		env.train = a;
		env.test = b ? b : a;
		env.split = !b;
		err = eval_run(&env, &out);
	}
	if (!err) {
		if (json)
			json_dumpf(out, stdout, JSON_INDENT(1));
		else
			print_report(out, stdout);
		if (json)
			putchar('\n');
	}
	json_decref(out);
	oops_ctx_destroy(env.oops);
	corpus_destroy(a);
	corpus_destroy(b);
	return err ? cli_fail(err) : 0;
}
