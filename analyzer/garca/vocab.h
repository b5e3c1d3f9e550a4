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
 * (see lines.h), NULL to read it from @text alone.  @text is read once,
 * through an index of the phrases by first byte made once per process.
 */
unsigned vocab_match(const char *text, const char *mca);

/* At most this many phrases in all (vocab.c's index is sized by it). */
enum { VOCAB_MAX_PHRASES = 128 };

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
