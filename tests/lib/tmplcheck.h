/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Checks on FILE's template miner shared by its unit test and fuzz target. */
#ifndef LSG_TMPLCHECK_H
#define LSG_TMPLCHECK_H

#include "file/tmpl.h"

/** tmplcheck_same_msg() - @u, made by tmpl_unpack(), is @m (tmpl_split()'s). */
int tmplcheck_same_msg(const struct tmpl_msg *m, const struct tmpl_msg *u);

#endif
