/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Log templates: a Drain-style miner (He et al., ICWS 2017).  A message is
 * split at white space and its variable parts masked: runs of decimal
 * digits, hex numbers (0x.. and bare hex words holding a digit), which
 * covers addresses, PIDs, CPU ids, sectors and PCI addresses, and block
 * and network device names (sda1, vda, nvme0n1, eth0...).  Messages are
 * then routed through a fixed-depth prefix tree (token count, then the
 * first TMPL_PREFIX tokens) to a leaf whose templates are compared by the
 * share of equal tokens; the most similar one at or above TMPL_SIM absorbs
 * the message (differing tokens become "<*>"), else the message starts a
 * new template.
 *
 * Each template counts the lines it matched and the logs ("documents")
 * it appeared in, so a template's rarity against the fleet is its
 * document frequency.  A tree serializes to a line-oriented text form
 * (tmpl_save/tmpl_load) that is stored as a state blob and merged.
 *
 * Not thread-safe: the caller (file.c) locks.  tmpl_match() does not
 * modify the tree, so several readers may match at once.
 */
#ifndef LSG_TMPL_H
#define LSG_TMPL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

enum {
	TMPL_MAX_TOKENS = 64,	/* tokens kept of one message */
	TMPL_PREFIX = 2,	/* tree depth below the token count */
	TMPL_MAX_TEXT = 1024,	/* bytes of a masked message kept */
	TMPL_MAX_TEMPLATES = 1 << 20,	/* ceiling; then lines do not mine */
};

/* Share of equal tokens for a message to join a template. */
#define TMPL_SIM 0.5

/* No template: the message did not match (or could not be added). */
#define TMPL_NONE UINT32_MAX

/*
 * Bytes of a leaf's key: the token count and TMPL_PREFIX tokens; bytes
 * a message's tokens may take.
 */
enum {
	TMPL_KEY_SIZE = TMPL_MAX_TEXT + 32,
	TMPL_MSG_SIZE = TMPL_MAX_TEXT + TMPL_MAX_TOKENS,
};

/*
 * A message split and masked: tokens point into @buf, where they lie
 * back to back, each NUL-terminated, in its first @len bytes (what
 * tmpl_unpack() makes the message again from; eight bytes more can be
 * read after any token).  @word holds each token's first eight bytes
 * (NUL-padded) as a number, which tells most tokens apart in one
 * comparison.  @key names its leaf of the prefix tree, @hash is the
 * key's and @wild the tokens that are "<*>", made once here for every
 * tree the message meets.
 */
struct tmpl_msg {
	const char *tok[TMPL_MAX_TOKENS];
	uint64_t word[TMPL_MAX_TOKENS];
	size_t ntok;
	char buf[TMPL_MSG_SIZE + 8];
	size_t len;
	char key[TMPL_KEY_SIZE];
	uint64_t hash;
	uint64_t wild;		/* bit i: tok[i] is "<*>" */
};

struct tmpl_tree;

/**
 * tmpl_is_device() - whether the @n bytes at @s name a block or network
 * device (sda1, vdb, nvme0n1p2, eth0, dm-3...).
 */
int tmpl_is_device(const char *s, size_t n);

/** tmpl_create() - an empty tree.  Free with tmpl_destroy(). */
struct lsg_error *tmpl_create(struct tmpl_tree **ret);

/** tmpl_destroy() - free @t; NULL is fine. */
void tmpl_destroy(struct tmpl_tree *t);

/**
 * tmpl_split() - split @text (@len bytes, any bytes; only its first line)
 * into masked tokens.  Never fails: an empty message has no tokens.
 */
void tmpl_split(const char *text, size_t len, struct tmpl_msg *ret);

/**
 * tmpl_unpack() - the message whose @buf began with the @len bytes at
 * @toks (tmpl_msg.len of a message tmpl_split() made), as tmpl_split()
 * made it, without splitting the text again.
 */
void tmpl_unpack(const char *toks, size_t len, struct tmpl_msg *ret);

/**
 * tmpl_add() - mine one message: the id of the template it joined or
 * started (ids are stable for the tree's life), or TMPL_NONE when the
 * tree is at TMPL_MAX_TEMPLATES.  @doc is the caller's number for the
 * current log: a template's document count grows once per distinct @doc
 * (pass increasing numbers).  Errors: &lsg_enomem.
 */
struct lsg_error *tmpl_add(struct tmpl_tree *t, const struct tmpl_msg *m,
			   uint64_t doc, uint32_t *ret);

/*
 * A template as tmpl_add() left it for a message: while the templates
 * of its leaf do not change, the same message mined again joins it and
 * changes nothing, so it only counts (tmpl_add_again()).
 */
struct tmpl_hint {
	uint32_t id;		/* TMPL_NONE: none */
	uint32_t epoch;		/* changes of the leaf then */
};

/**
 * tmpl_hint() - the hint for template @id, the one tmpl_add() returned
 * for a message just now; { TMPL_NONE } for TMPL_NONE.
 */
struct tmpl_hint tmpl_hint(const struct tmpl_tree *t, uint32_t id);

/**
 * tmpl_add_again() - mine the message of hint @h (of this tree) once
 * more, as tmpl_add() would, without its tokens: 0, or -1 and nothing
 * done when its leaf has changed since (then use tmpl_add()).
 */
int tmpl_add_again(struct tmpl_tree *t, const struct tmpl_hint *h,
		   uint64_t doc);

/*
 * Hints of one tree carried to another that replaces it (the same
 * templates reloaded, merged with others): a hint holds there too when
 * its leaf holds the same templates, in the same order, in both.
 */
struct tmpl_rehint;

/**
 * tmpl_rehint_create() - the carrying of hints of @from to @to, as they
 * are now.  Free with tmpl_rehint_destroy().  Errors: &lsg_enomem.
 */
struct lsg_error *tmpl_rehint_create(const struct tmpl_tree *from,
				     const struct tmpl_tree *to,
				     struct tmpl_rehint **ret);

/** tmpl_rehint_destroy() - free @r; NULL is fine. */
void tmpl_rehint_destroy(struct tmpl_rehint *r);

/**
 * tmpl_rehint() - hint @h of @r's @from as a hint of its @to; { TMPL_NONE
 * } when it does not hold in @from or its leaf differs in @to.
 */
struct tmpl_hint tmpl_rehint(const struct tmpl_rehint *r, struct tmpl_hint h);

/** tmpl_match() - the template @m would join, or TMPL_NONE; read-only. */
uint32_t tmpl_match(const struct tmpl_tree *t, const struct tmpl_msg *m);

/** tmpl_count() - how many templates @t holds. */
size_t tmpl_count(const struct tmpl_tree *t);

/** tmpl_docs() - how many logs @t has mined (tmpl_add's distinct docs). */
uint64_t tmpl_docs(const struct tmpl_tree *t);

/** tmpl_doc_freq() - in how many logs template @id appeared. */
uint64_t tmpl_doc_freq(const struct tmpl_tree *t, uint32_t id);

/**
 * tmpl_text() - template @id as text ("I/O error, dev <*>, sector <*>"),
 * written to @buf (always NUL-terminated); returns @buf.
 */
const char *tmpl_text(const struct tmpl_tree *t, uint32_t id, char *buf,
		      size_t size);

/**
 * tmpl_save() - @t as text: "logsage-templates/1 DOCS\n" then one line a
 * template: "LINES DOCS TOKEN TOKEN...\n".  *@ret is malloc'd.
 */
struct lsg_error *tmpl_save(const struct tmpl_tree *t, char **ret,
			    size_t *ret_len);

/**
 * tmpl_load() - merge templates saved by tmpl_save() into @t: each one
 * is mined as a message with its counts, so the same template from two
 * analyzers becomes one.  Any bytes: LSG_ERR_INVALID naming the line of
 * a malformed one (the templates before it are kept).
 */
struct lsg_error *tmpl_load(struct tmpl_tree *t, const char *buf,
			    size_t len);

#endif
