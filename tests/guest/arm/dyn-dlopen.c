/*
 * dyn-dlopen.c: dlopen of libm at run time (the program is not linked with -lm), dlsym of a few
 * functions checked against values known exactly, and the failure paths of dlopen/dlsym.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <link.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"

typedef double (*Fn1)(double);
typedef double (*Fn2)(double, double);

static int count_objects(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    if (strstr(info->dlpi_name, "libm.so.6"))
        ++*(int *)data;
    return 0;
}

static int libm_loaded(void)
{
    int n = 0;
    dl_iterate_phdr(count_objects, &n);
    return n;
}

int main(void)
{
    CHECK(libm_loaded() == 0, "libm is loaded before dlopen");
    void *m = dlopen("libm.so.6", RTLD_NOW | RTLD_LOCAL);
    CHECK(m != NULL, "dlopen libm.so.6: %s", dlerror());
    if (!m)
        return check_summary("dyn-dlopen");
    CHECK(libm_loaded() == 1, "libm is not in the link map after dlopen");

    Fn1 f_sqrt = (Fn1)dlsym(m, "sqrt");
    Fn2 f_fmod = (Fn2)dlsym(m, "fmod");
    Fn1 f_floor = (Fn1)dlsym(m, "floor");
    Fn2 f_pow = (Fn2)dlsym(m, "pow");
    Fn2 f_hypot = (Fn2)dlsym(m, "hypot");
    Fn1 f_cos = (Fn1)dlsym(m, "cos");
    CHECK(f_sqrt && f_fmod && f_floor && f_pow && f_hypot && f_cos, "dlsym: %s", dlerror());
    if (f_sqrt && f_fmod && f_floor && f_pow && f_hypot && f_cos) {
        CHECK(f_sqrt(OPAQUE(1764.0)) == 42.0, "sqrt(1764) = %.17g", f_sqrt(1764.0));
        CHECK(f_fmod(OPAQUE(10.5), 3.0) == 1.5, "fmod(10.5, 3) = %.17g", f_fmod(10.5, 3.0));
        CHECK(f_floor(OPAQUE(-2.5)) == -3.0, "floor(-2.5)");
        CHECK(f_pow(OPAQUE(2.0), 10.0) == 1024.0, "pow(2, 10) = %.17g", f_pow(2.0, 10.0));
        CHECK(f_hypot(OPAQUE(3.0), 4.0) == 5.0, "hypot(3, 4)");
        CHECK(f_cos(OPAQUE(0.0)) == 1.0, "cos(0)");
        double c = f_cos(OPAQUE(1.0));
        CHECK(c > 0.5403023058 && c < 0.5403023059, "cos(1) = %.17g", c);
    }
    Dl_info di;
    CHECK(f_sqrt && dladdr((void *)f_sqrt, &di) && strstr(di.dli_fname, "libm.so.6"),
          "dladdr(sqrt)");

    /* A symbol that does not exist, a library that does not exist. */
    dlerror();
    CHECK(dlsym(m, "ferry_no_such_symbol") == NULL, "dlsym of a missing symbol");
    const char *err = dlerror();
    CHECK(err && strstr(err, "ferry_no_such_symbol"), "dlerror: %s", err ? err : "(null)");
    CHECK(dlopen("libferry-does-not-exist.so.1", RTLD_NOW) == NULL, "dlopen of a missing file");
    err = dlerror();
    CHECK(err && strstr(err, "libferry-does-not-exist"), "dlerror: %s", err ? err : "(null)");

    /* Opening again gives the same handle; the reference count keeps it loaded. */
    void *m2 = dlopen("libm.so.6", RTLD_LAZY);
    CHECK(m2 == m, "second dlopen gives another handle");
    CHECK(dlclose(m2) == 0, "dlclose");
    CHECK(dlclose(m) == 0, "dlclose");
    return check_summary("dyn-dlopen");
}
