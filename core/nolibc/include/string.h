/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: memory and string functions (C locale, byte strings).
 */
#ifndef __NOLIBC_STRING_H__
#define __NOLIBC_STRING_H__

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Copy @p n bytes (regions must not overlap). @return @p dst */
void *memcpy(void *dst, const void *src, size_t n);
/** Copy @p n bytes; the regions may overlap. @return @p dst */
void *memmove(void *dst, const void *src, size_t n);
/** Fill @p n bytes with (unsigned char)@p c. @return @p dst */
void *memset(void *dst, int c, size_t n);
/** @return <0, 0 or >0 as @p a is below, equal to or above @p b */
int memcmp(const void *a, const void *b, size_t n);
/** @return first byte equal to (unsigned char)@p c, or NULL */
void *memchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
/** @return strlen(@p s), at most @p max */
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
/** Compare ignoring ASCII case. */
int strcasecmp(const char *a, const char *b);
int strncasecmp(const char *a, const char *b, size_t n);
/** @return first (strchr) or last (strrchr) @p c in @p s (the
 * terminating NUL can be found), or NULL */
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
/** @return first occurrence of @p needle in @p hay, or NULL */
char *strstr(const char *hay, const char *needle);
/** @return length of the prefix of @p s made of bytes in @p accept */
size_t strspn(const char *s, const char *accept);
/** @return length of the prefix of @p s made of bytes not in @p reject */
size_t strcspn(const char *s, const char *reject);

char *strcpy(char *dst, const char *src);
/** Copy at most @p n bytes, padding with NULs (no NUL if @p src is
 * longer than @p n). @return @p dst */
char *strncpy(char *dst, const char *src, size_t n);
/** Copy with truncation, always NUL-terminated when @p size > 0.
 * @return strlen(@p src) (>= @p size means truncated) */
size_t strlcpy(char *dst, const char *src, size_t size);
char *strcat(char *dst, const char *src);
/** Append at most @p n bytes of @p src, then a NUL. @return @p dst */
char *strncat(char *dst, const char *src, size_t n);

/** Copy @p s into memory from the default allocator (free() it).
 * @return the copy, or NULL when memory runs out */
char *strdup(const char *s);
/** Like strdup(), copying at most @p n bytes. */
char *strndup(const char *s, size_t n);

/** Split @p s at bytes of @p delim; @p save keeps the position.
 * @return next token, or NULL when none is left */
char *strtok_r(char *s, const char *delim, char **save);

/** @return a constant message for error number @p errnum (positive) */
char *strerror(int errnum);

#ifdef __cplusplus
}
#endif

#endif /* __NOLIBC_STRING_H__ */
