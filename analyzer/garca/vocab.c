/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "parse/mca.h"
#include "vocab.h"

static const char *const mce_fatal[] = {
	"Fatal machine check", "Machine Check Exception",
	"Not all CPUs entered broadcast exception handler",
	"Fatal local machine check", "Processor context corrupt", NULL };
static const char *const mce[] = {
	"[Hardware Error]", "Machine check events logged", "mce:", NULL };
static const char *const mce_memory[] = {
	" ADDR ", "Memory read error", "memory read error", "memory error",
	NULL };
static const char *const pcie_fatal[] = {
	"Uncorrected (Fatal)", "Uncorrectable (Fatal)", "Surprise Down",
	NULL };
/* reports of errors, not "AER: enabled with IRQ" at boot */
static const char *const pcie[] = {
	"PCIe Bus Error", "AER: Corrected error", "AER: Uncorrect",
	"AER: Multiple", "link has been reset", NULL };
static const char *const warn_panic[] = { "panic_on_warn", NULL };
static const char *const warning[] = { "WARNING:", "------------[ cut here ]", NULL };
static const char *const oom_global[] = {
	"Out of memory: Killed process", "Out of memory and no killable",
	"System is deadlocked on memory", "panic_on_oom",
	"page allocation failure", NULL };
static const char *const oom_any[] = { "invoked oom-killer", NULL };
static const char *const oom_cgroup[] = {
	"Memory cgroup out of memory", "memory: usage", NULL };
static const char *const stack[] = {
	"stack guard page was hit", "kernel stack overflow",
	"stack-protector", "corrupted stack end", NULL };
static const char *const corrupt[] = {
	"use-after-free", "double-free", "double free", "list_del corruption",
	"list_add corruption", "corrupted list", "lib/list_debug.c", "Bad page", "slab-out-of-bounds",
	"kernel BUG at mm/slub.c", "Poison overwritten", "Redzone", NULL };
static const char *const io_error[] = {
	"I/O error, dev", "Buffer I/O error", "critical medium error",
	"blk_update_request", NULL };
static const char *const fs_error[] = {
	"EXT4-fs error", "Aborting journal", "Remounting filesystem read-only",
	"XFS", "error count since last fsck", NULL };
static const char *const manual[] = {
	"sysrq: Trigger a crash", "SysRq : Trigger a crash",
	"sysrq triggered crash", "NMI: Not continuing", "Uhhuh. NMI received",
	NULL };
static const char *const lockup[] = {
	"soft lockup", "hard LOCKUP", "detected stalls", "self-detected stall",
	"softlockup: hung tasks", "hardlockup", NULL };
static const char *const hung[] = {
	"blocked for more than", "hung_task: blocked tasks", NULL };
static const char *const assertion[] = {
	"kernel BUG at", "invalid opcode", NULL };
static const char *const null_deref[] = { "NULL pointer dereference", NULL };
static const char *const panic[] = { "Kernel panic - not syncing", NULL };

static const char *const *const phrases[VOCAB_COUNT] = {
	[VOCAB_MCE_FATAL] = mce_fatal, [VOCAB_MCE] = mce,
	[VOCAB_MCE_MEMORY] = mce_memory, [VOCAB_PCIE_FATAL] = pcie_fatal,
	[VOCAB_PCIE] = pcie, [VOCAB_WARN_PANIC] = warn_panic,
	[VOCAB_WARNING] = warning, [VOCAB_OOM_GLOBAL] = oom_global,
	[VOCAB_OOM_CGROUP] = oom_cgroup,
	[VOCAB_OOM] = oom_any, [VOCAB_STACK] = stack,
	[VOCAB_CORRUPT] = corrupt, [VOCAB_IO_ERROR] = io_error,
	[VOCAB_FS_ERROR] = fs_error, [VOCAB_MANUAL] = manual,
	[VOCAB_LOCKUP] = lockup, [VOCAB_HUNG] = hung,
	[VOCAB_ASSERT] = assertion, [VOCAB_NULL] = null_deref,
	[VOCAB_PANIC] = panic,
};

const char *const *vocab_phrases(enum vocab_kind kind)
{
	return phrases[kind];
}

/*
 * Every phrase by its first byte, so that a line is read once rather than
 * once per phrase.
 */
static struct {
	int16_t head[256];	/* first phrase starting with the byte, -1 */
	int16_t next[VOCAB_MAX_PHRASES];	/* same first byte, -1 */
	uint8_t kind[VOCAB_MAX_PHRASES];
	const char *phrase[VOCAB_MAX_PHRASES];
} vi;
static pthread_once_t vi_once = PTHREAD_ONCE_INIT;

static void index_phrases(void)
{
	int16_t n = 0;

	memset(vi.head, -1, sizeof(vi.head));
	for (int k = 0; k < VOCAB_COUNT; k++)
		for (size_t i = 0; phrases[k][i]; i++, n++) {
			uint8_t c = (uint8_t)phrases[k][i][0];

			vi.kind[n] = (uint8_t)k;
			vi.phrase[n] = phrases[k][i];
			vi.next[n] = vi.head[c];
			vi.head[c] = n;
		}
}

/* @s starts with @prefix, whose first byte it is known to have. */
static int rest_matches(const char *s, const char *prefix)
{
	while (*++prefix)
		if (*++s != *prefix)
			return 0;
	return 1;
}

unsigned vocab_match(const char *text, const char *mca)
{
	unsigned bits = 0;

	pthread_once(&vi_once, index_phrases);
	for (const char *p = text; *p; p++)
		for (int i = vi.head[(uint8_t)*p]; i >= 0; i = vi.next[i])
			if (!(bits >> vi.kind[i] & 1) &&
			    rest_matches(p, vi.phrase[i]))
				bits |= 1u << vi.kind[i];
	if (!mca)
		mca = vocab_mca_class(text);
	if (mca && !strcmp(mca, "memory"))
		bits |= 1u << VOCAB_MCE_MEMORY;
	return bits;
}

const char *vocab_mca_class(const char *text)
{
	uint64_t status;

	return mca_status(text, strlen(text), &status) ? mca_class(status) :
							 NULL;
}

int vocab_mca_notice(const char *text)
{
	return strstr(text, "Machine check events logged") != NULL;
}

/*
 * A notice with no record printed after it: the record went to a
 * collector that keeps it from the console.  The kernel's corrected-error
 * collector (CONFIG_RAS_CEC) is the one that does, and it takes only
 * corrected memory errors with a usable address (drivers/ras/cec.c).
 */
const char *vocab_mca_unprinted(void)
{
	return "memory";
}
