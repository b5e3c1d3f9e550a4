/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The graph of one crash (DESIGN §6.4): a node per extracted line and per
 * crash event, features the line embeddings (an event's is its title's),
 * and undirected edges for
 *   time order       consecutive lines, consecutive events
 *   shared template  a line and the previous one with the same tokens
 *                    once numbers and addresses are masked
 *   shared entity    a line and the previous one naming the same CPU,
 *                    PID, device, PCI function, module or address
 *   call trace       the frames of one trace in order, and each line of an
 *                    event with the event's node
 * Also the crash-level features the case graph uses: the mean of the
 * line embeddings and the sorted set of the crash's words.
 */
#ifndef LSG_GARCA_LINEGRAPH_H
#define LSG_GARCA_LINEGRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "embed.h"
#include "error.h"
#include "lines.h"
#include "vocab.h"

/* Event nodes kept (the newest, the fatal one always). */
enum { LINEGRAPH_MAX_EVENTS = 16, LINEGRAPH_MAX_WORDS = 512 };

/*
 * Features after the embedding: the fault vocabularies a node's text
 * matches (vocab.h), an event node's type, flags (event node, fatal
 * event, KERN_ERR or worse, call-trace line, before the fatal event) and
 * how close before the fatal event a line was printed.
 */
enum { LINEGRAPH_FLAGS = 6 };
#define LINEGRAPH_EXTRA (VOCAB_COUNT + OOPS_TYPE_COUNT + LINEGRAPH_FLAGS)

struct linegraph {
	size_t n;		/* nodes: lines first, then events */
	size_t nlines;
	uint32_t *off, *nb;	/* CSR: see struct sage_graph */
	float *x;		/* n x dim node features */
	size_t dim;		/* edim + LINEGRAPH_EXTRA */
	size_t edim;		/* the embedding's part */
	float *mean;		/* edim: mean line embedding, L2-normalized */
	uint32_t *words;	/* sorted, unique token hashes */
	size_t nwords;
	size_t *line_of;	/* node -> index into the crash's lines, or
				 * LINES_NONE for an event node */
};

/**
 * linegraph_build() - the graph of @c with features from @e.  *@ret is
 * filled on success; free with linegraph_deinit().  &lsg_enomem.
 */
struct lsg_error *linegraph_build(const struct lines_crash *c,
				  const struct embed *e,
				  struct linegraph *ret);

void linegraph_deinit(struct linegraph *g);

/** linegraph_cooccur() - |a ∩ b| / |a ∪ b| of two sorted word sets. */
double linegraph_cooccur(const uint32_t *a, size_t na, const uint32_t *b,
			 size_t nb);

#endif
