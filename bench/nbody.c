/*
 * nbody.c: the classic five-body planetary simulation in double precision
 * (advance with sqrt, energy before and after).  Floating-point heavy:
 * exercises VFP double arithmetic, sqrt and loads/stores of doubles.
 *
 * Contraction of a*b+c into fused multiply-adds is turned off so the guest
 * and the native build round identically and the checksum (of the bits of
 * the final energy and positions) matches exactly.
 */
#pragma GCC optimize("fp-contract=off")
#include <math.h>
#include <string.h>

#include "bench.h"

#define N_BODIES 5
#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

typedef struct Body {
    double x, y, z, vx, vy, vz, mass;
} Body;

static Body bodies[N_BODIES] = {
    { 0, 0, 0, 0, 0, 0, SOLAR_MASS },
    { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
    { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
    { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
    { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};

static void offset_momentum(void)
{
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < N_BODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static double energy(void)
{
    double e = 0;
    for (int i = 0; i < N_BODIES; i++) {
        Body *b = &bodies[i];
        e += 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < N_BODIES; j++) {
            double dx = b->x - bodies[j].x, dy = b->y - bodies[j].y, dz = b->z - bodies[j].z;
            e -= b->mass * bodies[j].mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(double dt)
{
    for (int i = 0; i < N_BODIES; i++) {
        Body *b = &bodies[i];
        for (int j = i + 1; j < N_BODIES; j++) {
            Body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            b->vx -= dx * c->mass * mag;
            b->vy -= dy * c->mass * mag;
            b->vz -= dz * c->mass * mag;
            c->vx += dx * b->mass * mag;
            c->vy += dy * b->mass * mag;
            c->vz += dz * b->mass * mag;
        }
    }
    for (int i = 0; i < N_BODIES; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

static uint32_t mix(uint32_t h, double v)
{
    uint64_t bits;
    memcpy(&bits, &v, sizeof(bits));
    h ^= (uint32_t)bits;
    h *= 0x01000193u;
    h ^= (uint32_t)(bits >> 32);
    h *= 0x01000193u;
    return h;
}

int main(int argc, char **argv)
{
    uint32_t scale = bench_scale(argc, argv, 300);
    offset_momentum();
    double e0 = energy();
    if (!(e0 < -0.16907 && e0 > -0.16908))
        return bench_fail("nbody", "initial energy");
    for (uint32_t round = 0; round < scale; round++) {
        for (int step = 0; step < 10000; step++)
            advance(0.01);
    }
    double e1 = energy();
    /* the integration conserves energy to a few parts in a million */
    if (!(fabs(e1 - e0) < 1e-4))
        return bench_fail("nbody", "energy drift");
    uint32_t h = mix(0x811c9dc5u, e1);
    for (int i = 0; i < N_BODIES; i++)
        h = mix(mix(mix(h, bodies[i].x), bodies[i].y), bodies[i].z);
    return bench_report("nbody", scale, h);
}
