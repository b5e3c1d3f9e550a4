/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * TLS credentials for libmicrohttpd.  Its certificate callback takes no
 * argument of ours, so the credentials are the one piece of process-wide
 * state of the server, behind a mutex.  A handshake may still be using
 * the credentials a reload replaces, and GnuTLS does not copy them, so
 * replaced ones are kept until tls_unload(): a reload costs a few KiB.
 */
#include <pthread.h>
#include <stdlib.h>

#include <gnutls/gnutls.h>

#include "fileio.h"
#include "tls.h"

enum {
	MAX_CHAIN = 8,			/* certificates in the chain */
	MAX_PEM = 1 << 20,		/* bytes of one PEM file */
};

struct creds {
	gnutls_pcert_st chain[MAX_CHAIN];
	unsigned n;
	gnutls_privkey_t key;
	struct creds *older;		/* replaced, kept until unload */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct creds *current;

static void creds_free(struct creds *c)
{
	for (unsigned i = 0; i < c->n; i++)
		gnutls_pcert_deinit(&c->chain[i]);
	if (c->key)
		gnutls_privkey_deinit(c->key);
	free(c);
}

static struct lsg_error *gnutls_err(int rc, const char *what,
				    const char *path)
{
	return lsg_error_create(LSG_ERR_INVALID, "tls: %s %s: %s", what, path,
				gnutls_strerror(rc));
}

static struct lsg_error *read_pem(const char *path, gnutls_datum_t *ret)
{
	struct lsg_error *err;
	size_t len;
	char *buf;

	err = fileio_read_file(path, MAX_PEM, &buf, &len);
	if (err)
		return lsg_error_wrap(err, "tls");
	ret->data = (unsigned char *)buf;
	ret->size = (unsigned)len;
	return NULL;
}

/* The key signs what the certificate's public key verifies. */
static int key_matches(const struct creds *c)
{
	static unsigned char probe[] = "logsage key check";
	const gnutls_datum_t data = { probe, sizeof(probe) };
	gnutls_sign_algorithm_t algo;
	gnutls_datum_t sig = { NULL, 0 };
	int ok;

	algo = gnutls_pk_to_sign(gnutls_privkey_get_pk_algorithm(c->key, NULL),
				 GNUTLS_DIG_SHA256);
	if (gnutls_privkey_sign_data2(c->key, algo, 0, &data, &sig) < 0)
		return 0;
	ok = gnutls_pubkey_verify_data2(c->chain[0].pubkey, algo, 0, &data,
					&sig) >= 0;
	gnutls_free(sig.data);
	return ok;
}

static struct lsg_error *creds_load(struct creds *c, const char *cert,
				    const char *key)
{
	gnutls_datum_t pem = { NULL, 0 };
	struct lsg_error *err;
	int rc;

	err = read_pem(cert, &pem);
	if (err)
		return err;
	c->n = MAX_CHAIN;
	rc = gnutls_pcert_list_import_x509_raw(c->chain, &c->n, &pem,
					       GNUTLS_X509_FMT_PEM, 0);
	free(pem.data);
	if (rc < 0) {
		c->n = 0;
		return gnutls_err(rc, "certificate", cert);
	}
	err = read_pem(key, &pem);
	if (err)
		return err;
	rc = gnutls_privkey_init(&c->key);
	if (!rc)
		rc = gnutls_privkey_import_x509_raw(c->key, &pem,
						    GNUTLS_X509_FMT_PEM, NULL,
						    0);
	gnutls_memset(pem.data, 0, pem.size);
	free(pem.data);
	if (rc < 0)
		return gnutls_err(rc, "key", key);
	/* A key for another certificate would fail every handshake. */
	if (!key_matches(c))
		return lsg_error_create(LSG_ERR_INVALID,
					"tls: the key in %s is not the certificate's in %s",
					key, cert);
	return NULL;
}

struct lsg_error *tls_load(const char *cert, const char *key)
{
	struct creds *c = calloc(1, sizeof(*c));
	struct lsg_error *err;

	if (!c)
		return &lsg_enomem;
	err = creds_load(c, cert, key);
	if (err) {
		creds_free(c);
		return err;
	}
	pthread_mutex_lock(&lock);
	c->older = current;
	current = c;
	pthread_mutex_unlock(&lock);
	return NULL;
}

int tls_loaded(void)
{
	int loaded;

	pthread_mutex_lock(&lock);
	loaded = current != NULL;
	pthread_mutex_unlock(&lock);
	return loaded;
}

int tls_retrieve(gnutls_session_t session, const gnutls_datum_t *req_ca_dn,
		 int nreqs, const gnutls_pk_algorithm_t *pk_algos,
		 int pk_algos_length, gnutls_pcert_st **pcert,
		 unsigned int *pcert_length, gnutls_privkey_t *privkey)
{
	int rc = -1;

	(void)session;
	(void)req_ca_dn;
	(void)nreqs;
	(void)pk_algos;
	(void)pk_algos_length;
	pthread_mutex_lock(&lock);
	if (current) {
		*pcert = current->chain;
		*pcert_length = current->n;
		*privkey = current->key;
		rc = 0;
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

void tls_unload(void)
{
	pthread_mutex_lock(&lock);
	while (current) {
		struct creds *older = current->older;

		creds_free(current);
		current = older;
	}
	pthread_mutex_unlock(&lock);
}
