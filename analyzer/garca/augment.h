/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Counterfactual crashes from the corpus's cause labels, so GARCA learns
 * that the cause names the class, not the symptom (DESIGN §6.5):
 *   removal  a crash whose cause came before a different symptom, without
 *            its cause lines, is a crash of its symptom alone (a hung task
 *            after fatal PCIe errors, without them, is a hung task)
 *   swap     the same crash with another crash's cause lines in their
 *            place is a crash of that other cause (a hung task after
 *            block I/O errors is storage-io)
 * Only training crashes are used; cause lines are the labeled records
 * (cause_seqs or cause_lines) outside the fatal event.
 */
#ifndef LSG_GARCA_AUGMENT_H
#define LSG_GARCA_AUGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "dataset.h"

struct augment {
	struct lines_crash *crash;	/* owned */
	int *label;
	size_t n;
};

/**
 * augment_build() - counterfactuals of the @n training cases @idx of @d,
 * donors drawn with @seed.  Free with augment_deinit().  &lsg_enomem.
 */
struct lsg_error *augment_build(const struct dataset *d, const size_t *idx,
				size_t n, uint64_t seed, struct augment *ret);

void augment_deinit(struct augment *a);

#endif
