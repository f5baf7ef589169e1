/*
 * neon.c: an Advanced SIMD (NEON) workload written with arm_neon.h intrinsics, repeated:
 * - a single-precision matrix multiply (C += A * B, 64x64) in 4x4 register blocks, the
 *   inner step four vmlaq_lane_f32 on a row of B;
 * - an 8-bit image pass (160x96): a 3x3 binomial blur with widening multiply-accumulates
 *   (vaddl_u8, vmlal_u8) and a rounding saturating narrowing shift (vqrshrn_n_u16), then an
 *   unsharp mask in 16-bit lanes (vsubl_u8, vmlaq_n_s16, vrshrq_n_s16) narrowed with
 *   vqmovun_s16, and a sum of absolute differences (vabdq_u8, vpadalq_u8, vpadalq_u16)
 *   that feeds the checksum. The sharpened image is the next round's input.
 * Built with -mfpu=neon-vfpv4 for the ARM guest. The native build, which gives the expected
 * checksum, gets the few intrinsics used as plain C definitions with the same results (the
 * float data stay in the normal range, where NEON's flush-to-zero does not matter, and
 * contraction into fused multiply-adds is off). Both parts are checked against plain scalar
 * code once before the timed rounds.
 */
#pragma GCC optimize("fp-contract=off")
#include <string.h>

#include "bench.h"

#if defined(__ARM_NEON) || defined(__ARM_NEON__)
#include <arm_neon.h>
#else
/* ---- the intrinsics used, for hosts without NEON ---- */
typedef struct { float v[4]; } float32x4_t;
typedef struct { float v[2]; } float32x2_t;
typedef struct { uint8_t v[8]; } uint8x8_t;
typedef struct { uint8_t v[16]; } uint8x16_t;
typedef struct { uint16_t v[8]; } uint16x8_t;
typedef struct { int16_t v[8]; } int16x8_t;
typedef struct { uint32_t v[4]; } uint32x4_t;

static inline float32x4_t vld1q_f32(const float *p)
{
    float32x4_t r;
    memcpy(r.v, p, sizeof r.v);
    return r;
}

static inline void vst1q_f32(float *p, float32x4_t a)
{
    memcpy(p, a.v, sizeof a.v);
}

static inline float32x2_t vget_low_f32(float32x4_t a)
{
    float32x2_t r = {{a.v[0], a.v[1]}};
    return r;
}

static inline float32x2_t vget_high_f32(float32x4_t a)
{
    float32x2_t r = {{a.v[2], a.v[3]}};
    return r;
}

#define vmlaq_lane_f32(acc, b, s, lane) vmlaq_lane_f32_(acc, b, s, lane)
static inline float32x4_t vmlaq_lane_f32_(float32x4_t acc, float32x4_t b, float32x2_t s, int l)
{
    for (int i = 0; i < 4; i++) {
        float p = b.v[i] * s.v[l];
        acc.v[i] = acc.v[i] + p;
    }
    return acc;
}

static inline uint8x8_t vld1_u8(const uint8_t *p)
{
    uint8x8_t r;
    memcpy(r.v, p, 8);
    return r;
}

static inline uint8x16_t vld1q_u8(const uint8_t *p)
{
    uint8x16_t r;
    memcpy(r.v, p, 16);
    return r;
}

static inline void vst1_u8(uint8_t *p, uint8x8_t a)
{
    memcpy(p, a.v, 8);
}

static inline uint8x8_t vdup_n_u8(uint8_t x)
{
    uint8x8_t r;
    memset(r.v, x, 8);
    return r;
}

static inline uint16x8_t vaddl_u8(uint8x8_t a, uint8x8_t b)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = (uint16_t)(a.v[i] + b.v[i]);
    return r;
}

static inline uint16x8_t vmlal_u8(uint16x8_t acc, uint8x8_t a, uint8x8_t b)
{
    for (int i = 0; i < 8; i++)
        acc.v[i] = (uint16_t)(acc.v[i] + a.v[i] * b.v[i]);
    return acc;
}

#define vqrshrn_n_u16(a, n) vqrshrn_n_u16_(a, n)
static inline uint8x8_t vqrshrn_n_u16_(uint16x8_t a, int n)
{
    uint8x8_t r;
    for (int i = 0; i < 8; i++) {
        uint32_t x = ((uint32_t)a.v[i] + (1u << (n - 1))) >> n;
        r.v[i] = (uint8_t)(x > 255 ? 255 : x);
    }
    return r;
}

static inline int16x8_t vreinterpretq_s16_u16(uint16x8_t a)
{
    int16x8_t r;
    memcpy(r.v, a.v, 16);
    return r;
}

static inline uint16x8_t vsubl_u8(uint8x8_t a, uint8x8_t b)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = (uint16_t)(a.v[i] - b.v[i]);
    return r;
}

static inline uint16x8_t vmovl_u8(uint8x8_t a)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = a.v[i];
    return r;
}

static inline int16x8_t vmulq_n_s16(int16x8_t a, int16_t s)
{
    for (int i = 0; i < 8; i++)
        a.v[i] = (int16_t)(uint16_t)(a.v[i] * s);
    return a;
}

static inline int16x8_t vaddq_s16(int16x8_t a, int16x8_t b)
{
    for (int i = 0; i < 8; i++)
        a.v[i] = (int16_t)(uint16_t)(a.v[i] + b.v[i]);
    return a;
}

#define vrshrq_n_s16(a, n) vrshrq_n_s16_(a, n)
static inline int16x8_t vrshrq_n_s16_(int16x8_t a, int n)
{
    for (int i = 0; i < 8; i++)
        a.v[i] = (int16_t)((a.v[i] + (1 << (n - 1))) >> n);
    return a;
}

static inline uint8x8_t vqmovun_s16(int16x8_t a)
{
    uint8x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = (uint8_t)(a.v[i] < 0 ? 0 : a.v[i] > 255 ? 255 : a.v[i]);
    return r;
}

static inline uint8x16_t vabdq_u8(uint8x16_t a, uint8x16_t b)
{
    for (int i = 0; i < 16; i++)
        a.v[i] = (uint8_t)(a.v[i] > b.v[i] ? a.v[i] - b.v[i] : b.v[i] - a.v[i]);
    return a;
}

static inline uint16x8_t vpaddlq_u8(uint8x16_t a)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = (uint16_t)(a.v[2 * i] + a.v[2 * i + 1]);
    return r;
}

static inline uint16x8_t vpadalq_u8(uint16x8_t acc, uint8x16_t a)
{
    for (int i = 0; i < 8; i++)
        acc.v[i] = (uint16_t)(acc.v[i] + a.v[2 * i] + a.v[2 * i + 1]);
    return acc;
}

static inline uint32x4_t vpadalq_u16(uint32x4_t acc, uint16x8_t a)
{
    for (int i = 0; i < 4; i++)
        acc.v[i] += (uint32_t)a.v[2 * i] + a.v[2 * i + 1];
    return acc;
}

static inline uint32x4_t vdupq_n_u32(uint32_t x)
{
    uint32x4_t r = {{x, x, x, x}};
    return r;
}

static inline uint16x8_t vdupq_n_u16(uint16_t x)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++)
        r.v[i] = x;
    return r;
}

static inline uint32_t vgetq_lane_u32(uint32x4_t a, int i)
{
    return a.v[i];
}
#endif

/* ---------------------------------------------------------------- matrix multiply */

#define N 64

static float at[N][N];   /* A transposed: at[k][i] = A[i][k] */
static float b[N][N], c[N][N];

static void sgemm_neon(void)
{
    for (int i = 0; i < N; i += 4) {
        for (int j = 0; j < N; j += 4) {
            float32x4_t c0 = vld1q_f32(&c[i][j]), c1 = vld1q_f32(&c[i + 1][j]);
            float32x4_t c2 = vld1q_f32(&c[i + 2][j]), c3 = vld1q_f32(&c[i + 3][j]);
            for (int k = 0; k < N; k++) {
                float32x4_t bk = vld1q_f32(&b[k][j]);
                float32x4_t a = vld1q_f32(&at[k][i]);
                float32x2_t lo = vget_low_f32(a), hi = vget_high_f32(a);
                c0 = vmlaq_lane_f32(c0, bk, lo, 0);
                c1 = vmlaq_lane_f32(c1, bk, lo, 1);
                c2 = vmlaq_lane_f32(c2, bk, hi, 0);
                c3 = vmlaq_lane_f32(c3, bk, hi, 1);
            }
            vst1q_f32(&c[i][j], c0);
            vst1q_f32(&c[i + 1][j], c1);
            vst1q_f32(&c[i + 2][j], c2);
            vst1q_f32(&c[i + 3][j], c3);
        }
    }
}

/* ---------------------------------------------------------------- image pass */

#define W 160
#define H 96

static uint8_t img[H][W], blur[H][W], sharp[H][W];

/* 3x3 binomial blur (1 2 1 / 2 4 2 / 1 2 1) / 16 of the interior, rounded; the border is
 * copied. W - 2 = 158 interior columns: 19 blocks of 8 and an overlapping last block. */
static void blur_neon(void)
{
    const uint8x8_t two = vdup_n_u8(2), four = vdup_n_u8(4);
    memcpy(blur[0], img[0], W);
    memcpy(blur[H - 1], img[H - 1], W);
    for (int y = 1; y < H - 1; y++) {
        blur[y][0] = img[y][0];
        blur[y][W - 1] = img[y][W - 1];
        for (int x0 = 1; x0 < W - 1; x0 += 8) {
            int x = x0 + 8 > W - 1 ? W - 9 : x0;
            uint16x8_t acc = vaddl_u8(vld1_u8(&img[y - 1][x - 1]), vld1_u8(&img[y - 1][x + 1]));
            acc = vmlal_u8(acc, vld1_u8(&img[y - 1][x]), two);
            acc = vmlal_u8(acc, vld1_u8(&img[y][x - 1]), two);
            acc = vmlal_u8(acc, vld1_u8(&img[y][x]), four);
            acc = vmlal_u8(acc, vld1_u8(&img[y][x + 1]), two);
            acc = vmlal_u8(acc, vld1_u8(&img[y + 1][x - 1]), vdup_n_u8(1));
            acc = vmlal_u8(acc, vld1_u8(&img[y + 1][x]), two);
            acc = vmlal_u8(acc, vld1_u8(&img[y + 1][x + 1]), vdup_n_u8(1));
            vst1_u8(&blur[y][x], vqrshrn_n_u16(acc, 4));
        }
    }
}

/* sharp = clamp(img + round(3 * (img - blur) / 2)) */
static void sharpen_neon(void)
{
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x += 8) {
            uint8x8_t o = vld1_u8(&img[y][x]), bl = vld1_u8(&blur[y][x]);
            int16x8_t d = vreinterpretq_s16_u16(vsubl_u8(o, bl));
            int16x8_t t = vrshrq_n_s16(vmulq_n_s16(d, 3), 1);
            int16x8_t s = vaddq_s16(t, vreinterpretq_s16_u16(vmovl_u8(o)));
            vst1_u8(&sharp[y][x], vqmovun_s16(s));
        }
    }
}

/* The sum of |sharp - blur| over the image, in four 32-bit lanes. */
static uint32x4_t sad_neon(void)
{
    uint32x4_t total = vdupq_n_u32(0);
    for (int y = 0; y < H; y++) {
        uint16x8_t row = vdupq_n_u16(0);
        for (int x = 0; x < W; x += 16)
            row = vpadalq_u8(row, vabdq_u8(vld1q_u8(&sharp[y][x]), vld1q_u8(&blur[y][x])));
        total = vpadalq_u16(total, row);
    }
    return total;
}

/* ---------------------------------------------------------------- main */

static uint32_t hash_words(uint32_t h, const void *p, size_t n)
{
    const uint8_t *q = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ q[i]) * 16777619u;
    return h;
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 500);
    uint32_t seed = 4242;

    /* exact check: integer-valued matrices give integer products */
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            at[i][j] = (float)(bench_rand(&seed) % 9) - 4.0f;
            b[i][j] = (float)(bench_rand(&seed) % 7) - 3.0f;
            c[i][j] = (float)(bench_rand(&seed) % 5);
        }
    }
    static float c0[N][N];
    memcpy(c0, c, sizeof c);
    sgemm_neon();
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            int64_t ref = (int64_t)c0[i][j];
            for (int k = 0; k < N; k++)
                ref += (int64_t)at[k][i] * (int64_t)b[k][j];
            if ((float)ref != c[i][j])
                return bench_fail("neon", "integer-valued matrix product");
        }
    }

    /* the image: smooth gradients plus noise */
    for (int y = 0; y < H; y++)
        for (int x = 0; x < W; x++)
            img[y][x] = (uint8_t)((x * 3 + y * 5) / 2 + bench_rand(&seed) % 40);
    blur_neon();
    for (int y = 1; y < H - 1; y++) {
        for (int x = 1; x < W - 1; x++) {
            int s = img[y - 1][x - 1] + 2 * img[y - 1][x] + img[y - 1][x + 1] +
                    2 * img[y][x - 1] + 4 * img[y][x] + 2 * img[y][x + 1] +
                    img[y + 1][x - 1] + 2 * img[y + 1][x] + img[y + 1][x + 1];
            if (blur[y][x] != (s + 8) >> 4)
                return bench_fail("neon", "blur");
        }
    }
    sharpen_neon();
    uint32_t sad_ref = 0;
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int d = img[y][x] - blur[y][x];
            int t = (3 * d + 1) >> 1;
            int s = img[y][x] + t;
            s = s < 0 ? 0 : s > 255 ? 255 : s;
            if (sharp[y][x] != s)
                return bench_fail("neon", "sharpen");
            sad_ref += (uint32_t)(s > blur[y][x] ? s - blur[y][x] : blur[y][x] - s);
        }
    }
    uint32x4_t sad = sad_neon();
    if (vgetq_lane_u32(sad, 0) + vgetq_lane_u32(sad, 1) + vgetq_lane_u32(sad, 2) +
        vgetq_lane_u32(sad, 3) != sad_ref)
        return bench_fail("neon", "sum of absolute differences");

    /* the timed rounds: fractional matrices, the image sharpened again and again */
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            at[i][j] = (float)(bench_rand(&seed) % 1000) / 997.0f - 0.5f;
            b[i][j] = (float)(bench_rand(&seed) % 1000) / 991.0f - 0.5f;
            c[i][j] = 0.0f;
        }
    }
    uint32_t checksum = 0;
    for (uint32_t round = 0; round < scale; round++) {
        sgemm_neon();
        blur_neon();
        sharpen_neon();
        sad = sad_neon();
        checksum = checksum * 31 + vgetq_lane_u32(sad, 0) + 3 * vgetq_lane_u32(sad, 1) +
                   5 * vgetq_lane_u32(sad, 2) + 7 * vgetq_lane_u32(sad, 3);
        memcpy(img, sharp, sizeof img);
        /* keep the image from settling: a little deterministic noise */
        img[round % H][(round * 7) % W] ^= (uint8_t)round;
    }
    checksum = hash_words(checksum, c, sizeof c);
    checksum = hash_words(checksum, img, sizeof img);
    return bench_report("neon", scale, checksum);
}
