/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The data vmm_disk_test and the guest's /init (testinit.c) agree on: a
 * checksum of what the guest read (FNV-1a, 32 bits) and the pattern it
 * writes (xorshift32 from a seed, as little-endian 32-bit words).
 */
#ifndef VMM_DISK_PATTERN_H
#define VMM_DISK_PATTERN_H

#include <stddef.h>
#include <stdint.h>

static inline uint32_t fnv1a(const uint8_t *p, size_t n)
{
	uint32_t h = 0x811c9dc5;

	while (n--)
		h = (h ^ *p++) * 0x01000193;
	return h;
}

static inline void pattern(uint8_t *p, size_t n, uint32_t x)
{
	size_t i;

	for (i = 0; i + 4 <= n; i += 4) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = x;
		p[i + 1] = x >> 8;
		p[i + 2] = x >> 16;
		p[i + 3] = x >> 24;
	}
}

#endif
