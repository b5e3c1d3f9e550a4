/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The server's TLS certificate and key, loaded from PEM files and
 * reloadable while serving (SIGHUP): libmicrohttpd asks for them on every
 * handshake through tls_retrieve(), so a reload takes effect for the next
 * connection and never drops one.
 */
#ifndef LSG_TLS_H
#define LSG_TLS_H

#include <gnutls/abstract.h>

#include "error.h"

/**
 * tls_load() - read the certificate chain at @cert and the private key at
 * @key (PEM) and make them the ones handed out from now on.  On error the
 * previous ones stay.  Errors: LSG_ERR_OS, LSG_ERR_INVALID (not PEM, or
 * the key does not match the certificate).
 */
struct lsg_error *tls_load(const char *cert, const char *key);

/** tls_loaded() - 1 once tls_load() has succeeded. */
int tls_loaded(void);

/**
 * tls_retrieve() - gnutls_certificate_retrieve_function2 for
 * MHD_OPTION_HTTPS_CERT_CALLBACK: the current certificate and key.
 */
int tls_retrieve(gnutls_session_t session, const gnutls_datum_t *req_ca_dn,
		 int nreqs, const gnutls_pk_algorithm_t *pk_algos,
		 int pk_algos_length, gnutls_pcert_st **pcert,
		 unsigned int *pcert_length, gnutls_privkey_t *privkey);

/** tls_unload() - free every certificate and key loaded. */
void tls_unload(void);

#endif
