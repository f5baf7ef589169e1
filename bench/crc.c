/*
 * crc.c: checksums over a 64 KiB buffer: table-driven CRC-32 (the zlib/Ethernet polynomial),
 * a bitwise CRC-32C (Castagnoli), and Adler-32. Byte loads, shifts, table lookups and tight
 * data-dependent loops. Checked against the published check values of each algorithm.
 */
#include <string.h>

#include "bench.h"

static uint32_t crc_table[256];

static void crc32_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++)
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc32c_bitwise(uint32_t crc, const uint8_t *p, uint32_t n)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0x82f63b78u & (0u - (crc & 1)));
    }
    return ~crc;
}

static uint32_t adler32(const uint8_t *p, uint32_t n)
{
    uint32_t a = 1, b = 0;
    while (n) {
        uint32_t chunk = n < 5552 ? n : 5552; /* largest run without overflow */
        n -= chunk;
        while (chunk--) {
            a += *p++;
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    return b << 16 | a;
}

#define BUF_SIZE 65536

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 3000);
    crc32_init();
    const uint8_t *check = (const uint8_t *)"123456789";
    if (crc32(0, check, 9) != 0xcbf43926u)
        return bench_fail("crc", "CRC-32 check value");
    if (crc32c_bitwise(0, check, 9) != 0xe3069283u)
        return bench_fail("crc", "CRC-32C check value");
    if (adler32((const uint8_t *)"Wikipedia", 9) != 0x11e60398u)
        return bench_fail("crc", "Adler-32 check value");

    static uint8_t buf[BUF_SIZE];
    uint32_t seed = 0x9e3779b9u;
    for (int i = 0; i < BUF_SIZE; i++)
        buf[i] = (uint8_t)bench_rand(&seed);
    uint32_t checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        uint32_t c1 = crc32(round, buf, BUF_SIZE);
        uint32_t c2 = crc32c_bitwise(c1, buf, BUF_SIZE / 8);
        uint32_t c3 = adler32(buf, BUF_SIZE);
        /* Incremental CRC over two halves equals the CRC of the whole. */
        if (crc32(crc32(round, buf, 1000), buf + 1000, BUF_SIZE - 1000) != c1)
            return bench_fail("crc", "incremental CRC-32");
        checksum = checksum * 31 + (c1 ^ c2 ^ c3);
        buf[(round * 7919) % BUF_SIZE] ^= (uint8_t)c1;
    }
    return bench_report("crc", scale, checksum);
}
