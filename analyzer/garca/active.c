/* SPDX-License-Identifier: GPL-2.0-or-later */
#include <math.h>
#include <stdlib.h>

#include "active.h"

static double cosine(const double *a, const double *b, size_t n)
{
	double ab = 0, aa = 0, bb = 0;

	for (size_t i = 0; i < n; i++) {
		ab += a[i] * b[i];
		aa += a[i] * a[i];
		bb += b[i] * b[i];
	}
	return aa > 0 && bb > 0 ? ab / sqrt(aa * bb) : 0;
}

size_t active_pick(struct active_item *items, size_t n,
		   const double *const *labeled, size_t nlabeled,
		   size_t zdim, size_t k, size_t *ret)
{
	double *near = malloc((n ? n : 1) * sizeof(*near));
	unsigned char *taken = calloc(n ? n : 1, 1);
	size_t got = 0;

	if (!near || !taken)
		goto out;
	for (size_t i = 0; i < n; i++) {
		near[i] = 0;
		for (size_t j = 0; j < nlabeled; j++) {
			double c = cosine(items[i].z, labeled[j], zdim);

			if (c > near[i])
				near[i] = c;
		}
	}
	while (got < k && got < n) {
		size_t best = n;

		for (size_t i = 0; i < n; i++) {
			if (taken[i])
				continue;
			items[i].score = (1 - items[i].margin) * (1 - near[i]);
			if (best == n || items[i].score > items[best].score)
				best = i;
		}
		taken[best] = 1;
		ret[got++] = best;
		for (size_t i = 0; i < n; i++) {
			double c = cosine(items[i].z, items[best].z, zdim);

			if (c > near[i])
				near[i] = c;
		}
	}
out:
	free(near);
	free(taken);
	return got;
}
