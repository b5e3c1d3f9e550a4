/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * One chat completion from an OpenAI-compatible endpoint (POST
 * {"model", "messages"} to the URL as given, answer in
 * choices[0].message.content), through libcurl, under a total timeout.
 * FILE uses it to rewrite its extractive summary; any failure leaves the
 * caller with what it had.
 */
#ifndef LSG_LLM_H
#define LSG_LLM_H

#include "error.h"

/* Longest answer read; the rest makes the call fail (LSG_ERR_LIMIT). */
#define LLM_MAX_ANSWER ((size_t)64 << 10)

/**
 * llm_chat() - ask @url (@model) with a @system and a @user message.
 * @timeout_ms:	connect and transfer, in total
 * @ret:	the answer, malloc'd, NUL-terminated; set on success only
 * Errors: LSG_ERR_LIB with curl's message (timeouts included),
 * LSG_ERR_INVALID for an HTTP status other than 200 or an answer of
 * another shape, &lsg_enomem.
 */
struct lsg_error *llm_chat(const char *url, const char *model,
			   const char *system, const char *user,
			   long timeout_ms, char **ret);

#endif
