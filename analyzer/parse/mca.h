/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Machine-check records as x86 kernels print them ("CPU 1: Machine Check:
 * 0 Bank 4: 9c0000000000009f") and what the bank status says: whether
 * the error was corrected (MCi_STATUS.UC, bit 61) and the class of its
 * compound error code (Intel SDM vol. 3B, "Compound error codes": memory
 * controller, cache hierarchy, TLB, bus, internal).
 */
#ifndef LSG_MCA_H
#define LSG_MCA_H

#include <stddef.h>
#include <stdint.h>

/**
 * mca_status() - the bank status the record line @s (@len bytes) prints,
 * into *@ret; 0 when the line is no such record.
 */
int mca_status(const char *s, size_t len, uint64_t *ret);

/**
 * mca_class() - @status's error class: "memory", "cache", "tlb", "bus",
 * "internal" or "generic" (static strings).
 */
const char *mca_class(uint64_t status);

/** mca_uncorrected() - the error was not corrected (UC, bit 61). */
static inline int mca_uncorrected(uint64_t status)
{
	return (int)(status >> 61 & 1);
}

#endif
