/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The fault vocabulary's scan, which reads every FLI_STRIDE-th byte pair:
 * a needle is found at every offset in the line, at its very end, and
 * not when a byte of it is missing; a line's entities are read within it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "file/file_internal.h"
#include "harness.h"

static struct fli_vocab v;

static enum fli_family family(const char *s, size_t len, enum fli_sev *sev)
{
	return fli_classify(&v, s, len, sev);
}

static void test_offsets(void)
{
	static const struct {
		const char *needle;
		enum fli_family fam;
		enum fli_sev sev;
	} cases[] = {
		{ "EDAC", FAM_HW, SEV_ERROR },	/* the shortest */
		{ "Oops", FAM_OOPS, SEV_ERROR },
		{ "I/O error", FAM_IO, SEV_ERROR },
		{ "Out of memory:", FAM_MEM, SEV_FATAL },
		{ "Kernel panic", FAM_OOPS, SEV_FATAL },
	};
	char line[128];
	enum fli_sev sev;

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		size_t n = strlen(cases[c].needle);

		for (size_t pad = 0; pad < 2 * FLI_STRIDE + 2; pad++) {
			memset(line, '.', pad);
			memcpy(line + pad, cases[c].needle, n);
			memcpy(line + pad + n, " zz", 3);
			/* At the end of the line, then followed by more. */
			CHECK(family(line, pad + n, &sev) == cases[c].fam &&
			      sev == cases[c].sev);
			CHECK(family(line, pad + n + 3, &sev) ==
			      cases[c].fam && sev == cases[c].sev);
			/* Cut short by one byte, or one byte changed. */
			CHECK(family(line, pad + n - 1, &sev) == FAM_NONE &&
			      sev == SEV_NONE);
			line[pad + n / 2] ^= 0x20;
			CHECK(family(line, pad + n + 3, &sev) == FAM_NONE);
		}
	}
	CHECK(family("", 0, &sev) == FAM_NONE && sev == SEV_NONE);
	CHECK(family("EDA", 3, &sev) == FAM_NONE);
}

/* Several needles: the first one's family, the worst severity. */
static void test_mixed(void)
{
	static const char s[] =
		"EDAC MC0: 1 CE memory read error; Uncorrected later";
	enum fli_sev sev;

	CHECK(family(s, sizeof(s) - 1, &sev) == FAM_HW && sev == SEV_FATAL);
	CHECK(family(s, 33, &sev) == FAM_HW && sev == SEV_CORRECTED);
}

/*
 * A PCI function is read only where the line holds all of it: a line that
 * ends in the start of one (a heap copy of its bytes alone, so ASan sees a
 * read past it) names none, and one that holds it names it.
 */
static void test_entity_bounds(void)
{
	static const char full[] = "pcieport 0000:00:1c.0-x: AER";
	const size_t cut = strlen("pcieport 0000:00:1c");
	char *line = malloc(cut), name[32];

	CHECK(line != NULL);
	if (!line)
		return;
	memcpy(line, full, cut);
	fli_first_entity(line, cut, name, sizeof(name));
	CHECK(strcmp(name, "0000:00:1c") != 0 && strcmp(name, "0000:00:1c.0"));
	fli_first_entity(full, sizeof(full) - 1, name, sizeof(name));
	CHECK(!strcmp(name, "0000:00:1c.0"));
	free(line);
}

int main(void)
{
	fli_vocab_init(&v);
	test_offsets();
	test_mixed();
	test_entity_bounds();
	return test_exit();
}
