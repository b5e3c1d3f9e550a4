/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Scoring and extraction.  The fatal event is the symptom every report
 * has; the work is finding what came before it and caused it, which may
 * be seconds to minutes earlier and far from the panic in the log.  Each
 * line is scored on its own (fault vocabulary and its severity, rarity
 * against the fleet's background, entities shared with the fatal event,
 * same kind of fault as the fatal one), then lines are kept in groups:
 * the fatal event's own lines, earlier events of the same kind, the
 * bursts of fault lines that score high enough, the lines that follow
 * such a fault on the same device, and what the dying task printed just
 * before it died.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file_internal.h"
#include "parse/mca.h"
#include "parse/textlog.h"

/* Weights and thresholds of the line score, in one place. */
static const struct {
	double sev[SEV_FATAL + 1];	/* by severity */
	double same_family;	/* same kind of fault as the fatal event */
	double entity;		/* names a device or task of the fatal event */
	double keep;		/* lowest score kept */
	double thread_rare;	/* rarity a same-device line needs */
	double info_level;	/* factor for lines printed at info or debug */
	uint64_t group_ns;	/* vocabulary lines this close form a group */
	uint64_t task_gap_ns;	/* same-task lines chained before the fatal */
	size_t chain_gap;	/* records between same-kind chained events */
} W = {
	.sev = { 0, 0.3, 0.6, 0.9 },
	.same_family = 0.3,
	.entity = 0.3,
	.keep = 0.5,
	.thread_rare = 0.3,
	.info_level = 0.5,
	.group_ns = 200000000,
	.task_gap_ns = 1000000000,
	.chain_gap = 5,
};

struct vocab {
	const char *needle;
	size_t len;
	enum fli_family fam;
	enum fli_sev sev;	/* SEV_ERROR: a fault; others override it */
};

/*
 * Fault vocabularies of the kernel's own messages.  A line's severity is
 * fatal if any fatal needle matches, else corrected if any corrected one
 * does, else error; its family is the first match's.  A needle has more
 * than FLI_STRIDE bytes (vocab_hits()), or the table does not compile.
 */
#define V(s, f, sev)                                                      \
	{ s, sizeof(s) - 1 +                                               \
	     0 * sizeof(char[sizeof(s) - 1 > FLI_STRIDE ? 1 : -1]), f, sev }
static const struct vocab vocab[] = {
	/* machine checks, EDAC, PCIe AER */
	V("Machine Check Exception", FAM_HW, SEV_FATAL),
	V("context corrupt", FAM_HW, SEV_FATAL),
	V("not responding to MCE", FAM_HW, SEV_FATAL),
	V("Fatal machine check", FAM_HW, SEV_FATAL),
	V("Uncorrected", FAM_HW, SEV_FATAL),
	V("uncorrectable", FAM_HW, SEV_FATAL),
	V("can't recover", FAM_HW, SEV_FATAL),
	V("recovery failed", FAM_HW, SEV_FATAL),
	V("reset failed", FAM_HW, SEV_FATAL),
	V("Machine check events logged", FAM_HW, SEV_CORRECTED),
	V("Corrected error", FAM_HW, SEV_CORRECTED),
	V("corrected error", FAM_HW, SEV_CORRECTED),
	V("severity=Corrected", FAM_HW, SEV_CORRECTED),
	V("CE memory", FAM_HW, SEV_CORRECTED),
	V("[Hardware Error]", FAM_HW, SEV_ERROR),
	V("Machine Check", FAM_HW, SEV_ERROR),
	V("EDAC", FAM_HW, SEV_ERROR),
	V("AER: ", FAM_HW, SEV_ERROR),
	V("PCIe Bus Error", FAM_HW, SEV_ERROR),
	/* block devices and file systems */
	V("I/O error", FAM_IO, SEV_ERROR),
	V("blk_update_request", FAM_IO, SEV_ERROR),
	V("critical medium error", FAM_IO, SEV_ERROR),
	V("critical target error", FAM_IO, SEV_ERROR),
	V("Sense Key", FAM_IO, SEV_ERROR),
	V("rejecting I/O", FAM_IO, SEV_ERROR),
	V("device offline", FAM_IO, SEV_ERROR),
	V("timing out command", FAM_IO, SEV_ERROR),
	V("-fs error", FAM_IO, SEV_ERROR),
	V("Aborting journal", FAM_IO, SEV_FATAL),
	V("Remounting filesystem read-only", FAM_IO, SEV_ERROR),
	V("XFS (", FAM_IO, SEV_ERROR),
	/* memory pressure */
	V("Memory cgroup out of memory", FAM_MEM, SEV_CORRECTED),
	V("CONSTRAINT_MEMCG", FAM_MEM, SEV_CORRECTED),
	V("Out of memory:", FAM_MEM, SEV_FATAL),
	V("invoked oom-killer", FAM_MEM, SEV_ERROR),
	V("page allocation failure", FAM_MEM, SEV_ERROR),
	V("oom-kill:", FAM_MEM, SEV_ERROR),
	/* lockups, stalls, hung tasks */
	V("soft lockup", FAM_LOCKUP, SEV_ERROR),
	V("hard LOCKUP", FAM_LOCKUP, SEV_ERROR),
	V("detected stall", FAM_LOCKUP, SEV_ERROR),
	V("self-detected stall", FAM_LOCKUP, SEV_ERROR),
	V("blocked for more than", FAM_LOCKUP, SEV_ERROR),
	/* oopses */
	V("Kernel panic", FAM_OOPS, SEV_FATAL),
	V("BUG: ", FAM_OOPS, SEV_ERROR),
	V("Oops", FAM_OOPS, SEV_ERROR),
	V("general protection fault", FAM_OOPS, SEV_ERROR),
	V("kernel BUG at", FAM_OOPS, SEV_ERROR),
	V("Unable to handle kernel", FAM_OOPS, SEV_ERROR),
	V("WARNING: ", FAM_OOPS, SEV_ERROR),
	V("corruption", FAM_OOPS, SEV_ERROR),
	V("stack guard page", FAM_OOPS, SEV_ERROR),
};
#undef V

static const char *const family_names[FAM_COUNT] = {
	[FAM_NONE] = "other", [FAM_HW] = "hardware error",
	[FAM_IO] = "I/O error", [FAM_MEM] = "memory pressure",
	[FAM_LOCKUP] = "lockup or hung task", [FAM_OOPS] = "kernel oops",
};

const char *fli_family_name(enum fli_family f)
{
	return family_names[f < FAM_COUNT ? f : FAM_NONE];
}

enum fli_family fli_event_family(enum oops_type type)
{
	switch (type) {
	case OOPS_MCE:
		return FAM_HW;
	case OOPS_OOM:
		return FAM_MEM;
	case OOPS_SOFT_LOCKUP:
	case OOPS_HARD_LOCKUP:
	case OOPS_RCU_STALL:
	case OOPS_HUNG_TASK:
		return FAM_LOCKUP;
	default:
		return FAM_OOPS;
	}
}

static const char *find(const char *s, size_t len, const char *needle)
{
	return memmem(s, len, needle, strlen(needle));
}

/* A machine-check record's severity: corrected or not, by its status. */
static enum fli_sev mce_status_sev(const char *s, size_t len)
{
	uint64_t st;

	if (!mca_status(s, len, &st))
		return SEV_NONE;
	return mca_uncorrected(st) ? SEV_FATAL : SEV_CORRECTED;
}

/* Two bytes as one number, in the order a little-endian load has them. */
static uint16_t bigram(const char *s)
{
	return (uint16_t)((unsigned char)s[0] | (unsigned char)s[1] << 8);
}

void fli_vocab_init(struct fli_vocab *v)
{
	size_t n = sizeof(vocab) / sizeof(vocab[0]);

	_Static_assert(sizeof(vocab) / sizeof(vocab[0]) < FLI_VOCAB_MAX,
		       "vocabulary outgrew its index");
	_Static_assert(FLI_VOCAB_MAX * FLI_STRIDE < 256, "entries are bytes");
	_Static_assert(FLI_STRIDE + 1 >= sizeof(v->ent[0].head),
		       "needles have their four first bytes");
	memset(v, 0, sizeof(*v));
	for (size_t e = n * FLI_STRIDE; e-- > 0;) {
		const struct vocab *w = &vocab[e / FLI_STRIDE];
		struct fli_entry *ent = &v->ent[e];
		uint16_t b;

		ent->needle = (uint8_t)(e / FLI_STRIDE);
		ent->off = (uint8_t)(e % FLI_STRIDE);
		ent->len = (uint8_t)w->len;
		memcpy(&ent->head, w->needle, sizeof(ent->head));
		b = bigram(w->needle + ent->off);
		ent->next = v->head[b];
		v->head[b] = (uint8_t)(e + 1);
	}
}

/*
 * The needles of entry @k's chain that are in @s (@len bytes), seen by
 * their bytes at @p; their first four bytes tell most candidates apart.
 */
static uint64_t hits_at(const struct fli_vocab *v, unsigned k, const char *s,
			size_t len, size_t p)
{
	uint64_t hits = 0;

	for (; k; k = v->ent[k - 1].next) {
		const struct fli_entry *e = &v->ent[k - 1];
		size_t q = p - e->off;
		uint32_t head;

		if (e->off > p || e->len > len - q)
			continue;
		memcpy(&head, s + q, sizeof(head));
		if (head == e->head &&
		    !memcmp(s + q + sizeof(head),
			    vocab[e->needle].needle + sizeof(head),
			    e->len - sizeof(head)))
			hits |= 1ull << e->needle;
	}
	return hits;
}

/*
 * Bit i set: vocab[i] occurs in the line.  A needle at @q is seen at the
 * first multiple of FLI_STRIDE from @q on, by its bytes there.
 */
static uint64_t vocab_hits(const struct fli_vocab *v, const char *s,
			   size_t len)
{
	size_t end = len ? len - 1 : 0;	/* where a byte pair may start */
	uint64_t hits = 0;

	for (size_t p = 0; p < end; p += FLI_STRIDE) {
		unsigned k = v->head[bigram(s + p)];

		if (k)
			hits |= hits_at(v, k, s, len, p);
	}
	return hits;
}

enum fli_family fli_classify(const struct fli_vocab *v, const char *text,
			     size_t len, enum fli_sev *ret_sev)
{
	uint64_t hits = vocab_hits(v, text, len);
	enum fli_family fam = FAM_NONE;
	int fatal = 0, corrected = 0;

	for (size_t i = 0; hits; i++, hits >>= 1) {
		if (!(hits & 1))
			continue;
		if (fam == FAM_NONE)
			fam = vocab[i].fam;
		fatal |= vocab[i].sev == SEV_FATAL;
		corrected |= vocab[i].sev == SEV_CORRECTED;
	}
	if (fam == FAM_HW && !fatal && !corrected) {
		enum fli_sev s = mce_status_sev(text, len);

		fatal = s == SEV_FATAL;
		corrected = s == SEV_CORRECTED;
	}
	*ret_sev = fam == FAM_NONE ? SEV_NONE : fatal ? SEV_FATAL :
		   corrected ? SEV_CORRECTED : SEV_ERROR;
	return fam;
}

const struct oops_event *file_fatal_event(const struct oops_result *res)
{
	if (!res || !res->nevents)
		return NULL;
	return &res->events[res->fatal != OOPS_NONE ? res->fatal :
			    res->nevents - 1];
}

/* Per-line state of one extraction. */
struct fli_line {
	double rare;		/* see rare(); < 0: not computed yet */
	double score;
	const char *reason;
	enum fli_family fam;
	enum fli_sev sev;
	int keep;
	int cause;		/* an earlier fault that explains the fatal one */
};

enum {
	FLI_MAX_ENTITIES = 16, FLI_ENTITY_LEN = 32,
	FLI_ENTITY_LINES = 64,	/* lines of the fatal event read for them */
	FLI_PRELUDE_MAX = 64,	/* lines of the dying context kept */
	FLI_SYMPTOM_LINES = 4,	/* of a fatal event that is a consequence */
};

/* What the fatal event names: devices, PCI functions, tasks. */
struct fli_entities {
	char name[FLI_MAX_ENTITIES][FLI_ENTITY_LEN];
	size_t n;
};

struct fli {
	const struct lsg_log *log;
	const struct fli_vocab *vocab;
	const struct tmpl_tree *bg;	/* the background, read-locked */
	const struct memo *memo;	/* lines learned, or NULL; as bg */
	struct memo_ref *seen;	/* where the memo has each line, or NULL */
	const struct oops_event *fatal;	/* NULL: none */
	size_t anchor;		/* the panic line, else the fatal header */
	enum fli_family fatal_fam;
	enum oops_type kind;	/* of the fatal event, or of what a bare
				   panic followed */
	struct fli_line *l;
	struct fli_entities ent;
};

static uint64_t ts(const struct fli *f, size_t i)
{
	return f->log->recs[i].ts_nsec;
}

static int has_ts(const struct fli *f, size_t i)
{
	return ts(f, i) != TEXTLOG_TS_NONE;
}

/* Nanoseconds from record @a to the later record @b; 0 if not later. */
static uint64_t gap_ns(const struct fli *f, size_t a, size_t b)
{
	if (!has_ts(f, a) || !has_ts(f, b))
		return has_ts(f, a) == has_ts(f, b) ? 0 : UINT64_MAX;
	return ts(f, b) > ts(f, a) ? ts(f, b) - ts(f, a) : 0;
}

static void keep(struct fli *f, size_t i, double score, const char *why)
{
	struct fli_line *l = &f->l[i];

	if (!l->keep || score > l->score) {
		l->score = score;
		l->reason = why;
	}
	l->keep = 1;
}

/*
 * 1 for a line never seen in the background, 0 for one in every log;
 * computed when first asked (few lines need it: matching is most of the
 * cost of an extraction).
 */
static double rare(struct fli *f, size_t i)
{
	uint64_t n = tmpl_docs(f->bg);
	struct tmpl_msg m;
	uint32_t id;

	if (f->l[i].rare >= 0)
		return f->l[i].rare;
	f->l[i].rare = 1.0;
	if (!n)
		return 1.0;
	tmpl_split(lsg_log_text(f->log, i), f->log->recs[i].text_len, &m);
	id = tmpl_match(f->bg, &m);
	if (id != TMPL_NONE)
		f->l[i].rare = 1.0 - log1p((double)tmpl_doc_freq(f->bg, id)) /
				     log1p((double)n);
	return f->l[i].rare;
}

/*
 * The class of line @i: as learning found it, for most lines of a
 * fleet's logs (the memo's peek costs half the vocabulary's scan).
 */
static void classify_line(struct fli *f, size_t i)
{
	const char *text = lsg_log_text(f->log, i);
	size_t len = f->log->recs[i].text_len;
	struct memo_ref ref;
	const struct memo_line *ml = f->memo ? memo_peek(f->memo, text, len,
							 f->seen ? &f->seen[i] :
							 &ref) : NULL;

	if (ml && ml->classified) {
		f->l[i].fam = ml->fam;
		f->l[i].sev = ml->sev;
		return;
	}
	f->l[i].fam = fli_classify(f->vocab, text, len, &f->l[i].sev);
}

/*
 * Severity of a group: vocabulary lines of one family less than group_ns
 * apart are one report (an MCE's four lines, an OOM report), so a
 * corrected marker on one line makes the whole report corrected and a
 * fatal one makes it fatal.
 */
static void classify_groups(struct fli *f)
{
	size_t n = f->log->nrecs, start = 0;

	for (size_t i = 0; i < n; i++)
		classify_line(f, i);
	while (start < n) {
		size_t end = start, last = start;
		enum fli_sev sev;

		if (f->l[start].fam == FAM_NONE) {
			start++;
			continue;
		}
		sev = f->l[start].sev;
		for (size_t j = start + 1; j < n; j++) {
			if (gap_ns(f, last, j) > W.group_ns)
				break;
			if (f->l[j].fam != f->l[start].fam)
				continue;
			last = end = j;
			if (f->l[j].sev == SEV_FATAL || sev == SEV_FATAL)
				sev = SEV_FATAL;
			else if (f->l[j].sev == SEV_CORRECTED)
				sev = SEV_CORRECTED;
		}
		for (size_t j = start; j <= end; j++)
			if (f->l[j].fam == f->l[start].fam)
				f->l[j].sev = sev;
		start = end + 1;
	}
}

static int is_pci_addr(const char *s, size_t n)
{
	/* dddd:bb:dd.f */
	static const char shape[] = "xxxx:xx:xx.x";

	if (n != sizeof(shape) - 1)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (shape[i] == 'x' ? !isxdigit((unsigned char)s[i]) :
				      s[i] != shape[i])
			return 0;
	return 1;
}

static void add_entity(struct fli_entities *e, const char *s, size_t n)
{
	if (e->n == FLI_MAX_ENTITIES || n >= FLI_ENTITY_LEN || n < 2)
		return;
	for (size_t i = 0; i < e->n; i++)
		if (strlen(e->name[i]) == n && !memcmp(e->name[i], s, n))
			return;
	memcpy(e->name[e->n], s, n);
	e->name[e->n++][n] = '\0';
}

/*
 * Bytes of a name: letters and digits (isalnum() in the C locale), and
 * the ':', '.' and '-' between them; from a table, as every byte of the
 * fatal event's lines is looked at.
 */
enum { NAME_ALNUM = 1, NAME_PUNCT = 2 };

static const uint8_t name_cls[256] = {
	['0' ... '9'] = NAME_ALNUM, ['A' ... 'Z'] = NAME_ALNUM,
	['a' ... 'z'] = NAME_ALNUM,
	[':'] = NAME_PUNCT, ['.'] = NAME_PUNCT, ['-'] = NAME_PUNCT,
};

static unsigned name_byte(char c)
{
	return name_cls[(unsigned char)c];
}

/* The entities a line names: device names and PCI functions. */
static void line_entities(const char *s, size_t len, struct fli_entities *e)
{
	size_t i = 0;

	while (i < len) {
		size_t a, b;

		while (i < len && !(name_byte(s[i]) & NAME_ALNUM))
			i++;
		a = i;
		while (i < len && name_byte(s[i]))
			i++;
		b = i;
		while (b > a && name_byte(s[b - 1]) == NAME_PUNCT)
			b--;
		if (is_pci_addr(s + a, b - a) || tmpl_is_device(s + a, b - a))
			add_entity(e, s + a, b - a);
		else if (b - a > 4 && len - a >= 12 && is_pci_addr(s + a, 12))
			add_entity(e, s + a, 12);
	}
	/* "jbd2/vda-8": the device a kernel thread works for. */
	for (const char *p = s; (p = memchr(p, '/', (size_t)(s + len - p)));
	     p++) {
		size_t n = 0;

		while (p + 1 + n < s + len && name_byte(p[1 + n]) & NAME_ALNUM)
			n++;
		if (tmpl_is_device(p + 1, n))
			add_entity(e, p + 1, n);
	}
}

void fli_first_entity(const char *s, size_t len, char *buf, size_t size)
{
	struct fli_entities e = { .n = 0 };

	line_entities(s, len, &e);
	snprintf(buf, size, "%s", e.n ? e.name[0] : "");
}

static int names_entity(const struct fli_entities *e, const char *s,
			size_t len)
{
	for (size_t i = 0; i < e->n; i++)
		if (find(s, len, e->name[i]))
			return 1;
	return 0;
}

/* The lines of event @ev (the parser's range: NMI backtraces of other
 * CPUs that a stall report asks for are in it too). */
static void keep_event(struct fli *f, const struct oops_event *ev,
		       double score, const char *why)
{
	for (size_t i = ev->first_rec; i <= ev->last_rec; i++) {
		keep(f, i, score, why);
		if (i < ev->first_rec + FLI_ENTITY_LINES)
			line_entities(lsg_log_text(f->log, i),
				      f->log->recs[i].text_len, &f->ent);
	}
}

/*
 * The fatal event, the chain of same-kind events right before it (hung
 * tasks reported one after another) and, for machine checks, every
 * earlier one: the corrected errors that led to the fatal one.
 */
static void keep_fatal(struct fli *f, const struct oops_result *res)
{
	const struct oops_event *fe = f->fatal;
	size_t fi = (size_t)(fe - res->events), next_first = fe->first_rec;
	int chained = 1;

	keep_event(f, fe, 1.0, "the fatal event");
	/* The parser joined a panic a few lines on: those lines too. */
	for (size_t i = fe->last_rec + 1; i <= f->anchor &&
	     i < f->log->nrecs; i++)
		keep(f, i, 1.0, "the fatal event");
	/* A bare panic: the event it followed is what died (its kind). */
	if (fe->type == OOPS_PANIC && fi &&
	    res->events[fi - 1].last_rec + W.chain_gap >= fe->first_rec) {
		keep_event(f, &res->events[fi - 1], 0.95,
			   "the event the panic followed");
		for (size_t i = res->events[fi - 1].last_rec + 1;
		     i < fe->first_rec; i++)
			keep(f, i, 0.95, "the event the panic followed");
		fi--;
		next_first = res->events[fi].first_rec;
	}
	f->kind = res->events[fi].type;
	f->fatal_fam = fli_event_family(f->kind);
	for (size_t k = fi; k-- > 0;) {
		const struct oops_event *ev = &res->events[k];

		if (ev->type != f->kind) {
			chained = 0;
			continue;
		}
		if (chained && ev->last_rec + W.chain_gap >= next_first)
			keep_event(f, ev, 0.9,
				   "same kind of event just before the fatal one");
		else if (f->kind == OOPS_MCE)
			keep_event(f, ev, 0.8,
				   "earlier machine check before the fatal one");
		else
			chained = 0;
		next_first = ev->first_rec;
	}
}

/* Without a fatal event, the entities the panic line names. */
static void panic_entities(struct fli *f)
{
	if (f->anchor < f->log->nrecs)
		line_entities(lsg_log_text(f->log, f->anchor),
			      f->log->recs[f->anchor].text_len, &f->ent);
}

static double line_score(struct fli *f, size_t i)
{
	const struct fli_line *l = &f->l[i];
	const char *s = lsg_log_text(f->log, i);
	double sc;

	if (l->fam == FAM_NONE)
		return 0;
	sc = W.sev[l->sev] * (0.5 + 0.5 * rare(f, i));
	if (l->fam == f->fatal_fam && l->fam != FAM_OOPS)
		sc += W.same_family;
	if (names_entity(&f->ent, s, f->log->recs[i].text_len))
		sc += W.entity;
	/*
	 * The kernel's own level: a fault is rarely reported at info, but
	 * uncorrected errors sometimes are (AER's "error message received").
	 */
	if (f->log->recs[i].level >= 6 && l->sev != SEV_FATAL)
		sc *= W.info_level;
	return sc > 1.0 ? 1.0 : sc;
}

static const char *const seed_reasons[FAM_COUNT] = {
	[FAM_NONE] = "fault line",
	[FAM_HW] = "hardware error before the fatal event",
	[FAM_IO] = "I/O or file system error before the fatal event",
	[FAM_MEM] = "memory pressure before the fatal event",
	[FAM_LOCKUP] = "lockup or hung task before the fatal event",
	[FAM_OOPS] = "kernel oops before the fatal event",
};

/*
 * After a kept fault, the lines that name the same device until the
 * fatal event (the link reset, the failed recovery) when they are rare.
 */
static void keep_thread(struct fli *f, size_t seed, size_t end)
{
	struct fli_entities e = { .n = 0 };

	line_entities(lsg_log_text(f->log, seed), f->log->recs[seed].text_len,
		      &e);
	if (!e.n)
		return;
	for (size_t i = seed + 1; i < end; i++)
		if (!f->l[i].keep && names_entity(&e, lsg_log_text(f->log, i),
						  f->log->recs[i].text_len) &&
		    rare(f, i) >= W.thread_rare)
			keep(f, i, 0.5, "same device as an earlier fault line");
}

/*
 * What the dying task (or CPU) printed just before its fatal event or its
 * panic: the file system error before "panic forced after error", the
 * allocation failure before the crash in the same worker.
 */
static void keep_prelude(struct fli *f, size_t start)
{
	const struct lsg_record *hdr = &f->log->recs[start];
	size_t last = start, n = 0;

	if (!hdr->has_caller)
		return;
	for (size_t i = start; i-- > 0 && n < FLI_PRELUDE_MAX;) {
		if (!f->log->recs[i].has_caller ||
		    f->log->recs[i].caller_id != hdr->caller_id)
			continue;
		if (gap_ns(f, i, last) > W.task_gap_ns)
			break;
		keep(f, i, 0.6, "the dying context's lines just before the fatal event");
		last = i;
		n++;
	}
}

static void keep_seeds(struct fli *f, size_t end)
{
	for (size_t i = 0; i < end; i++) {
		double sc;

		if (f->l[i].keep || f->l[i].fam == FAM_NONE)
			continue;
		sc = line_score(f, i);
		if (sc < W.keep)
			continue;
		keep(f, i, sc, seed_reasons[f->l[i].fam]);
		/* A recovered I/O error on the same disk is no proof. */
		f->l[i].cause = f->l[i].fam != FAM_OOPS &&
				f->l[i].fam != FAM_LOCKUP &&
				f->l[i].sev == SEV_FATAL;
		if (f->l[i].fam == FAM_HW || f->l[i].fam == FAM_IO)
			keep_thread(f, i, end);
	}
}

/*
 * A hung task or an oops after an uncorrected hardware error, an aborted
 * journal or memory exhaustion is their consequence: of its report
 * (and of the same-kind reports chained before it) the headers, the
 * first lines and the panic are enough to say what died.
 */
static void trim_symptom(struct fli *f, const struct oops_result *res)
{
	const struct oops_event *fe = f->fatal;
	size_t from = fe->first_rec, first = fe->first_rec;

	if (f->kind == OOPS_MCE || f->kind == OOPS_OOM)
		return;
	for (size_t i = 0; i < fe->first_rec; i++)
		if (f->l[i].cause)
			goto trim;
	return;
trim:
	for (size_t k = (size_t)(fe - res->events); k-- > 0;) {
		if (res->events[k].type != fe->type ||
		    !f->l[res->events[k].first_rec].keep)
			break;
		from = res->events[k].first_rec;
	}
	for (size_t i = from; i < f->anchor && i < f->log->nrecs; i++) {
		int header = 0;

		for (size_t k = 0; k < res->nevents; k++)
			header |= res->events[k].first_rec == i;
		if (i >= first && i < first + FLI_SYMPTOM_LINES)
			continue;
		if (header) {
			f->l[i].reason = "consequence of the earlier fault";
			continue;
		}
		f->l[i].keep = 0;
	}
}

static struct file_result *collect(const struct fli *f)
{
	struct file_result *r = file_result_new(f->log->nrecs);

	for (size_t i = 0; r && i < f->log->nrecs; i++)
		if (f->l[i].keep &&
		    file_result_push(r, i, f->l[i].score, f->l[i].reason)) {
			file_result_destroy(r);
			r = NULL;
		}
	return r;
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
	       (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Every line is asked (twice an analysis): the first byte parts most. */
int fli_is_panic(const struct lsg_log *log, size_t i)
{
	static const char panic[] = "Kernel panic - not syncing";
	const char *s = lsg_log_text(log, i);

	return log->recs[i].text_len >= sizeof(panic) - 1 &&
	       s[0] == panic[0] && !memcmp(s, panic, sizeof(panic) - 1);
}

const struct oops_event *fli_find_fatal(const struct lsg_log *log,
					const struct oops_result *res,
					size_t *ret_anchor)
{
	const struct oops_event *ev = file_fatal_event(res);
	size_t anchor = log->nrecs;

	for (size_t i = 0; i < log->nrecs; i++)
		if (fli_is_panic(log, i)) {
			anchor = i;
			break;
		}
	if (ev && (anchor == log->nrecs ||
		   (ev->first_rec <= anchor &&
		    anchor <= ev->last_rec + (ev->panicked ? W.chain_gap : 0)))) {
		*ret_anchor = anchor == log->nrecs ? ev->first_rec : anchor;
		return ev;
	}
	*ret_anchor = anchor;
	return NULL;
}

struct lsg_error *file_extract(struct file_ctx *ctx, const struct lsg_log *log,
			       const struct oops_result *res,
			       struct file_result **ret)
{
	struct fli f = { .log = log, .vocab = &ctx->vocab };
	struct file_result *r;
	struct timespec t0;
	size_t end;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	f.l = malloc((log->nrecs ? log->nrecs : 1) * sizeof(*f.l));
	if (!f.l)
		return &lsg_enomem;
	for (size_t i = 0; i < log->nrecs; i++)
		f.l[i] = (struct fli_line){ .rare = -1 };
	/* Learning replaces ctx->tree (adopt()): hold it for the whole run. */
	pthread_rwlock_rdlock(&ctx->lock);
	f.bg = ctx->tree;
	f.memo = ctx->memo;
	/* Online, the learning that follows need not look the lines up. */
	if (f.memo && ctx->opts.online)
		f.seen = malloc((log->nrecs ? log->nrecs : 1) *
				sizeof(*f.seen));
	classify_groups(&f);
	f.fatal = fli_find_fatal(log, res, &f.anchor);
	end = f.fatal ? f.fatal->first_rec : f.anchor;
	if (f.fatal) {
		keep_fatal(&f, res);
	} else if (f.anchor < log->nrecs) {
		keep(&f, f.anchor, 1.0, "the panic");
		panic_entities(&f);
	}
	if (end < log->nrecs)
		keep_prelude(&f, end);
	keep_seeds(&f, end);
	pthread_rwlock_unlock(&ctx->lock);
	if (f.fatal)
		trim_symptom(&f, res);
	r = collect(&f);
	free(f.l);
	if (!r) {
		free(f.seen);
		return &lsg_enomem;
	}
	r->seen = f.seen;
	r->ms = ms_since(&t0);
	*ret = r;
	return NULL;
}
