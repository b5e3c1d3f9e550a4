/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the files of the FILE stage share; not for other modules. */
#ifndef LSG_FILE_INTERNAL_H
#define LSG_FILE_INTERNAL_H

#include <pthread.h>

#include "file.h"
#include "memo.h"
#include "tmpl.h"

enum {
	FLI_VOCAB_MAX = 64,
	FLI_STRIDE = 3,		/* bytes a step; needles are longer */
};

/*
 * The fault vocabulary indexed by two bytes of each needle, at each of
 * its first FLI_STRIDE offsets: a line is classified in one pass looking
 * at every FLI_STRIDE-th byte and the next, where each occurrence of a
 * needle shows one of them.
 */
struct fli_entry {
	uint32_t head;		/* the needle's first four bytes */
	uint8_t next;		/* 1 + next entry with the same two bytes */
	uint8_t needle;		/* its index in the vocabulary */
	uint8_t off;		/* of the two bytes in the needle */
	uint8_t len;		/* of the needle */
};

struct fli_vocab {
	uint8_t head[1 << 16];	/* 1 + first entry with those bytes, 0: none */
	struct fli_entry ent[FLI_VOCAB_MAX * FLI_STRIDE];
};

struct file_ctx {
	pthread_rwlock_t lock;	/* guards all below but opts and vocab */
	/*
	 * One save at a time; a save reads, merges and writes the store
	 * without holding @lock, which it takes only to swap trees.
	 */
	pthread_mutex_t save_lock;
	struct tmpl_tree *tree;	/* the background: stored + learned */
	struct tmpl_tree *delta;	/* learned since the last load/save */
	struct memo *memo;	/* lines learned; NULL until the first */
	/*
	 * Numbers of tree and delta for the memo (memo_line.gen), new as
	 * they are replaced; last_gen the last given.
	 */
	uint64_t gen[2], last_gen;
	int64_t version;	/* stored version the tree was merged with */
	uint64_t next_doc;
	unsigned unsaved;	/* logs learned online since the last save */
	struct file_opts opts;
	struct fli_vocab vocab;	/* read-only after creation */
};

/* Families of fault vocabulary (fli.c), also named in the summary. */
enum fli_family {
	FAM_NONE, FAM_HW, FAM_IO, FAM_MEM, FAM_LOCKUP, FAM_OOPS, FAM_COUNT
};

/* How bad a vocabulary line says things are. */
enum fli_sev { SEV_NONE, SEV_CORRECTED, SEV_ERROR, SEV_FATAL };

/** fli_vocab_init() - index the fault vocabulary into @v. */
void fli_vocab_init(struct fli_vocab *v);

/** fli_classify() - family and severity of one line of text. */
enum fli_family fli_classify(const struct fli_vocab *v, const char *text,
			     size_t len, enum fli_sev *ret_sev);

/** fli_family_name() - "hardware error", "I/O error"...; static. */
const char *fli_family_name(enum fli_family f);

/** fli_event_family() - the family of a parser event type. */
enum fli_family fli_event_family(enum oops_type type);

/**
 * fli_first_entity() - the first device or PCI function @s names, into
 * @buf ("" when none).
 */
void fli_first_entity(const char *s, size_t len, char *buf, size_t size);

/** fli_is_panic() - record @i is a "Kernel panic - not syncing" line. */
int fli_is_panic(const struct lsg_log *log, size_t i);

/**
 * fli_find_fatal() - the event FILE explains and the fatal point: the
 * first panic line, else the fatal event's start, else log->nrecs.  The
 * parser's fatal event is used only when it holds the panic line, or
 * ends just before it and the parser joined the panic to it: a panic no
 * event explains ("panic forced after error", an NMI) has its cause just
 * before it, not in an earlier event; then NULL.
 */
const struct oops_event *fli_find_fatal(const struct lsg_log *log,
					const struct oops_result *res,
					size_t *ret_anchor);

/** file_result_new() - an empty result for a log of @nrecs lines. */
struct file_result *file_result_new(size_t nrecs);

/**
 * file_result_push() - keep record @rec (in increasing order) with
 * @score and @reason; -1 when out of memory.
 */
int file_result_push(struct file_result *r, size_t rec, double score,
		     const char *reason);

/** file_fatal_event() - the event FILE explains: the fatal one, else the
 * last; NULL when the log has none. */
const struct oops_event *file_fatal_event(const struct oops_result *res);

#endif
