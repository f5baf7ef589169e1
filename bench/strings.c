/*
 * strings.c: text processing over a generated 64 KiB document: tokenising into words,
 * counting them in an open-addressing hash table, substring search with Boyer-Moore-Horspool
 * (checked against a naive search), and building a report string with hand-written number
 * formatting. Byte loads and stores, short data-dependent loops and hashing.
 */
#include <string.h>

#include "bench.h"

#define TEXT_SIZE 65536
#define TABLE_SIZE 8192

static unsigned char text[TEXT_SIZE + 1];

static void generate_text(uint32_t seed)
{
    static const char *const syllables[] = {"fer", "ry", "ar", "m", "thu", "mb", "co", "de",
                                            "tra", "ns", "la", "te", "blo", "ck", "ca", "che"};
    static const char punct[] = " ,.;\n";
    uint32_t n = 0;
    while (n < TEXT_SIZE - 16) {
        int parts = 1 + (int)(bench_rand(&seed) % 3);
        for (int p = 0; p < parts; p++) {
            const char *s = syllables[bench_rand(&seed) % 16];
            while (*s)
                text[n++] = (unsigned char)*s++;
        }
        if (bench_rand(&seed) % 9 == 0)
            text[n - 1] = (unsigned char)(text[n - 1] - 'a' + 'A'); /* some capitals */
        text[n++] = (unsigned char)punct[bench_rand(&seed) % 5];
    }
    text[n] = 0;
}

struct Entry {
    uint32_t hash, start, len, count;
};

static struct Entry table[TABLE_SIZE];

static int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int same_word(uint32_t a, uint32_t b, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++)
        if ((text[a + i] | 0x20) != (text[b + i] | 0x20))
            return 0;
    return 1;
}

/* Returns the number of distinct words. */
static uint32_t count_words(uint32_t *total, uint32_t *top)
{
    memset(table, 0, sizeof table);
    uint32_t distinct = 0, i = 0;
    *total = 0;
    *top = 0;
    while (text[i]) {
        while (text[i] && !is_letter(text[i]))
            i++;
        uint32_t start = i, h = 2166136261u;
        while (is_letter(text[i]))
            h = (h ^ (text[i++] | 0x20)) * 16777619u;
        uint32_t len = i - start;
        if (!len)
            break;
        (*total)++;
        uint32_t slot = h & (TABLE_SIZE - 1);
        while (table[slot].count &&
               !(table[slot].hash == h && table[slot].len == len &&
                 same_word(table[slot].start, start, len)))
            slot = (slot + 1) & (TABLE_SIZE - 1);
        if (!table[slot].count) {
            table[slot].hash = h;
            table[slot].start = start;
            table[slot].len = len;
            distinct++;
        }
        if (++table[slot].count > *top)
            *top = table[slot].count;
    }
    return distinct;
}

static uint32_t horspool_count(const unsigned char *hay, uint32_t n, const unsigned char *pat,
                               uint32_t m)
{
    uint32_t skip[256], count = 0;
    for (int i = 0; i < 256; i++)
        skip[i] = m;
    for (uint32_t i = 0; i + 1 < m; i++)
        skip[pat[i]] = m - 1 - i;
    uint32_t pos = 0;
    while (pos + m <= n) {
        uint32_t j = m;
        while (j > 0 && hay[pos + j - 1] == pat[j - 1])
            j--;
        if (j == 0)
            count++;
        pos += skip[hay[pos + m - 1]];
    }
    return count;
}

static uint32_t naive_count(const unsigned char *hay, uint32_t n, const unsigned char *pat,
                            uint32_t m)
{
    uint32_t count = 0;
    for (uint32_t i = 0; i + m <= n; i++) {
        uint32_t j = 0;
        while (j < m && hay[i + j] == pat[j])
            j++;
        count += j == m;
    }
    return count;
}

static uint32_t put_uint(unsigned char *out, uint32_t v)
{
    unsigned char tmp[12];
    uint32_t n = 0, len;
    do {
        tmp[n++] = (unsigned char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (len = 0; len < n; len++)
        out[len] = tmp[n - 1 - len];
    return n;
}

static uint32_t build_report(unsigned char *out, uint32_t cap)
{
    uint32_t n = 0;
    for (uint32_t s = 0; s < TABLE_SIZE && n + 64 < cap; s++) {
        if (!table[s].count)
            continue;
        for (uint32_t i = 0; i < table[s].len && i < 40; i++)
            out[n++] = text[table[s].start + i] | 0x20;
        out[n++] = ':';
        n += put_uint(out + n, table[s].count);
        out[n++] = ',';
    }
    out[n] = 0;
    return n;
}

int main(int argc, char **argv)
{
    static const char *const patterns[] = {"ferry", "the", "mbco", "ck,", "trans", "ar ", "cache"};
    uint32_t scale = bench_scale(argc, argv, 350);
    static unsigned char report[1 << 17];
    uint32_t checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        generate_text(1000 + round % 5);
        uint32_t total, top;
        uint32_t distinct = count_words(&total, &top);
        uint32_t found = 0;
        for (int p = 0; p < 7; p++) {
            const unsigned char *pat = (const unsigned char *)patterns[p];
            uint32_t m = (uint32_t)strlen(patterns[p]);
            uint32_t c = horspool_count(text, TEXT_SIZE - 16, pat, m);
            if (c != naive_count(text, TEXT_SIZE - 16, pat, m))
                return bench_fail("strings", "Horspool and naive search disagree");
            found = found * 7 + c;
        }
        uint32_t len = build_report(report, sizeof report);
        uint32_t h = 2166136261u;
        for (uint32_t i = 0; i < len; i++)
            h = (h ^ report[i]) * 16777619u;
        checksum = checksum * 31 + (distinct ^ total ^ top ^ found ^ h);
    }
    return bench_report("strings", scale, checksum);
}
