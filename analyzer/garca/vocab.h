/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Known fault vocabularies: the kernel's own messages for each family of
 * cause and symptom (machine checks, fatal PCIe errors, block I/O errors,
 * the OOM killer, lockups, hung tasks, BUG/WARN, memory corruption...),
 * and the machine-check error code's class (parse/mca.h).
 * GARCA reads them as line features, the rules baseline as its rules.
 * Nothing here names one corpus, driver or test.
 */
#ifndef LSG_GARCA_VOCAB_H
#define LSG_GARCA_VOCAB_H

#include <stdint.h>

enum vocab_kind {
	VOCAB_MCE_FATAL,	/* an uncorrected machine check took us down */
	VOCAB_MCE,		/* any machine-check report */
	VOCAB_MCE_MEMORY,	/* it names a memory address or controller */
	VOCAB_PCIE_FATAL,
	VOCAB_PCIE,
	VOCAB_WARN_PANIC,
	VOCAB_WARNING,
	VOCAB_OOM_GLOBAL,
	VOCAB_OOM_CGROUP,
	VOCAB_OOM,		/* any OOM kill */
	VOCAB_STACK,
	VOCAB_CORRUPT,
	VOCAB_IO_ERROR,
	VOCAB_FS_ERROR,
	VOCAB_MANUAL,
	VOCAB_LOCKUP,
	VOCAB_HUNG,
	VOCAB_ASSERT,
	VOCAB_NULL,
	VOCAB_PANIC,
	VOCAB_COUNT
};

/**
 * vocab_match() - bit k set when @text holds a phrase of kind k.  @mca is
 * the machine-check class the line is known by from the lines around it
 * (see lines.h), NULL to read it from @text alone.
 */
unsigned vocab_match(const char *text, const char *mca);

enum { VOCAB_MAX_PHRASES = 128 };

/*
 * Every phrase by its first byte, so that a line is read once rather than
 * once per phrase: for matching many lines.
 */
struct vocab_index {
	int16_t head[256];	/* first phrase starting with the byte, -1 */
	int16_t next[VOCAB_MAX_PHRASES];	/* same first byte, -1 */
	uint8_t kind[VOCAB_MAX_PHRASES];
	const char *phrase[VOCAB_MAX_PHRASES];
};

/** vocab_index_init() - index the phrases into @vi. */
void vocab_index_init(struct vocab_index *vi);

/** vocab_index_match() - vocab_match() through the index @vi. */
unsigned vocab_index_match(const struct vocab_index *vi, const char *text,
			   const char *mca);

/** vocab_phrases() - the NULL-terminated phrases of @kind. */
const char *const *vocab_phrases(enum vocab_kind kind);

/*
 * The class of a machine-check status printed on @text (mca_class()), or
 * NULL when the line has none.
 */
const char *vocab_mca_class(const char *text);

/** vocab_mca_notice() - @text is the "Machine check events logged" notice. */
int vocab_mca_notice(const char *text);

/* The class of a record that was logged (noticed) but never printed. */
const char *vocab_mca_unprinted(void);

#endif
