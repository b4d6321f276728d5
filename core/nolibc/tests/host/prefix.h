/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test: force-included when nolibc's sources are built for the
 * host, so every libc name becomes nolibc_<name> and cannot clash with
 * glibc's, which the test uses as the oracle.
 */
#define memcpy		nolibc_memcpy
#define memmove		nolibc_memmove
#define memset		nolibc_memset
#define memcmp		nolibc_memcmp
#define memchr		nolibc_memchr
#define strlen		nolibc_strlen
#define strnlen		nolibc_strnlen
#define strcmp		nolibc_strcmp
#define strncmp		nolibc_strncmp
#define strcasecmp	nolibc_strcasecmp
#define strncasecmp	nolibc_strncasecmp
#define strchr		nolibc_strchr
#define strrchr		nolibc_strrchr
#define strstr		nolibc_strstr
#define strspn		nolibc_strspn
#define strcspn		nolibc_strcspn
#define strcpy		nolibc_strcpy
#define strncpy		nolibc_strncpy
#define strlcpy		nolibc_strlcpy
#define strcat		nolibc_strcat
#define strncat		nolibc_strncat
#define strdup		nolibc_strdup
#define strndup		nolibc_strndup
#define strtok_r	nolibc_strtok_r
#define strerror	nolibc_strerror
#define vsnprintf	nolibc_vsnprintf
#define snprintf	nolibc_snprintf
#define vsprintf	nolibc_vsprintf
#define sprintf		nolibc_sprintf
#define strtol		nolibc_strtol
#define strtoul		nolibc_strtoul
#define strtoll		nolibc_strtoll
#define strtoull	nolibc_strtoull
#define atoi		nolibc_atoi
#define atol		nolibc_atol
#define qsort		nolibc_qsort
#define bsearch		nolibc_bsearch
#define errno		nolibc_errno
