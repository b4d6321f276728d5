/* SPDX-License-Identifier: BSD-3-Clause */
/* Host test: the nolibc functions under test, as renamed by prefix.h. */
#ifndef NOLIBC_HOST_H
#define NOLIBC_HOST_H

#include <stdarg.h>
#include <stddef.h>

extern int nolibc_errno;
void *nolibc_memcpy(void *dst, const void *src, size_t n);
void *nolibc_memmove(void *dst, const void *src, size_t n);
void *nolibc_memset(void *dst, int c, size_t n);
int nolibc_memcmp(const void *a, const void *b, size_t n);
void *nolibc_memchr(const void *s, int c, size_t n);
size_t nolibc_strlen(const char *s);
size_t nolibc_strnlen(const char *s, size_t max);
int nolibc_strcmp(const char *a, const char *b);
int nolibc_strncmp(const char *a, const char *b, size_t n);
int nolibc_strcasecmp(const char *a, const char *b);
int nolibc_strncasecmp(const char *a, const char *b, size_t n);
char *nolibc_strchr(const char *s, int c);
char *nolibc_strrchr(const char *s, int c);
char *nolibc_strstr(const char *hay, const char *needle);
size_t nolibc_strspn(const char *s, const char *accept);
size_t nolibc_strcspn(const char *s, const char *reject);
char *nolibc_strncpy(char *dst, const char *src, size_t n);
size_t nolibc_strlcpy(char *dst, const char *src, size_t size);
char *nolibc_strncat(char *dst, const char *src, size_t n);
char *nolibc_strtok_r(char *s, const char *delim, char **save);
int nolibc_snprintf(char *buf, size_t size, const char *fmt, ...);
long nolibc_strtol(const char *s, char **end, int base);
unsigned long nolibc_strtoul(const char *s, char **end, int base);
long long nolibc_strtoll(const char *s, char **end, int base);
unsigned long long nolibc_strtoull(const char *s, char **end, int base);
void nolibc_qsort(void *base, size_t n, size_t size,
		  int (*cmp)(const void *, const void *));
void *nolibc_bsearch(const void *key, const void *base, size_t n,
		     size_t size, int (*cmp)(const void *, const void *));

#endif
