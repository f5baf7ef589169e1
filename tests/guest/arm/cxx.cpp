/*
 * cxx.cpp: C++ run-time support as a static ARM program uses it.
 * - exceptions: throw and catch across several frames, rethrow, catch by base class and by
 *   std::exception, the standard exception hierarchy (out_of_range from at(), bad_alloc,
 *   bad_cast, runtime_error), catch(...), exceptions unwinding through destructors (RAII),
 *   nested try blocks and exceptions thrown while handling another;
 * - RTTI: typeid, dynamic_cast up, down and across a multiple-inheritance lattice;
 * - virtual dispatch, multiple and virtual inheritance, pure virtual interfaces;
 * - templates (class, function, variadic, recursive constexpr);
 * - std::string, std::vector, std::map, std::unordered_map, std::sort, std::function, lambdas;
 * - static constructors run in definition order before main, destructors in reverse after it;
 * - iostream formatting through std::cout (captured and compared) and std::ostringstream.
 * Expected values come from hand-written references and definitions, not from a recorded run.
 */
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <new>
#include <numeric>
#include <sstream>
#include <stdexcept>
#include <string>
#include <typeinfo>
#include <unistd.h>
#include <unordered_map>
#include <vector>

#include "check.h"

#define NOINLINE __attribute__((noinline, noclone))

/* ---- static construction and destruction order ---- */

static char ctor_log[16];
static int ctor_n;
static char dtor_log[16];
static int dtor_n;

struct Sentinel {
    /* Defined first, so constructed first and destroyed last: checks everyone else's
       destructors ran, in reverse order of construction. */
    Sentinel() { ctor_log[ctor_n++] = 'S'; }
    ~Sentinel()
    {
        if (dtor_n != 3 || std::string(dtor_log, dtor_n) != "CBA") {
            std::printf("FAIL static destructor order: \"%.*s\"\n", dtor_n, dtor_log);
            std::fflush(stdout);
            _exit(1);
        }
    }
};

struct Tracked {
    char name;
    explicit Tracked(char c) : name(c) { ctor_log[ctor_n++] = c; }
    ~Tracked() { dtor_log[dtor_n++] = name; }
};

static Sentinel sentinel;
static Tracked ga('A');
static Tracked gb('B');
static Tracked gc('C');
static int computed_at_startup = [] {
    int s = 0;
    for (int i = 1; i <= 100; i++)
        s += i;
    return s;
}();

static void test_static_init()
{
    CHECK(std::string(ctor_log, ctor_n) == "SABC", "static constructor order: %.*s", ctor_n,
          ctor_log);
    CHECK(dtor_n == 0, "no destructors before main returns");
    CHECK(computed_at_startup == 5050, "dynamic initialiser");
    static int calls = 0;
    struct Once {
        Once() { calls++; }
    };
    for (int i = 0; i < 3; i++) {
        static Once once;
        (void)once;
    }
    CHECK(calls == 1, "function-local static constructed once");
}

/* ---- exceptions ---- */

struct MyBase : std::runtime_error {
    int code;
    MyBase(const std::string &w, int c) : std::runtime_error(w), code(c) {}
};

struct MyDerived : MyBase {
    int extra;
    MyDerived(const std::string &w, int c, int e) : MyBase(w, c), extra(e) {}
};

static std::string unwind_log;

struct Guard {
    char tag;
    explicit Guard(char t) : tag(t) {}
    ~Guard() { unwind_log += tag; }
};

static NOINLINE int thrower(int depth, int kind)
{
    Guard g((char)('0' + depth));
    if (depth == 0) {
        switch (kind) {
        case 0: throw 42;
        case 1: throw MyDerived("derived", 7, 99);
        case 2: throw MyBase("base", 3);
        case 3: throw std::string("a string");
        case 4: throw 2.5;
        default: return -1;
        }
    }
    return thrower(depth - 1, kind) + 1;
}

static NOINLINE int rethrower(int kind)
{
    try {
        return thrower(3, kind);
    } catch (MyBase &e) {
        e.code += 100;
        throw; /* the same object continues */
    }
}

static void test_exceptions()
{
    unwind_log.clear();
    try {
        thrower(5, 0);
        CHECK(0, "not reached");
    } catch (int v) {
        CHECK(v == 42, "caught int %d", v);
    }
    CHECK(unwind_log == "012345", "destructors during unwinding: %s", unwind_log.c_str());

    unwind_log.clear();
    try {
        thrower(4, 1);
    } catch (const MyBase &e) {
        CHECK(e.code == 7, "derived caught by base reference: code %d", e.code);
        CHECK(std::string(e.what()) == "derived", "what() of derived");
        const MyDerived *d = dynamic_cast<const MyDerived *>(&e);
        CHECK(d && d->extra == 99, "dynamic_cast of the caught exception");
    }
    CHECK(unwind_log == "01234", "unwind log 2: %s", unwind_log.c_str());

    try {
        thrower(2, 2);
    } catch (const MyDerived &) {
        CHECK(0, "base object caught as derived");
    } catch (const std::exception &e) {
        CHECK(std::string(e.what()) == "base", "caught by std::exception");
    }

    try {
        rethrower(1);
    } catch (const MyDerived &e) {
        CHECK(e.code == 107 && e.extra == 99, "rethrown object kept its modification: %d",
              e.code);
    }

    int which = 0;
    try {
        thrower(1, 3);
    } catch (int) {
        which = 1;
    } catch (const std::string &s) {
        which = s == "a string" ? 2 : 3;
    }
    CHECK(which == 2, "catch clause selection by type: %d", which);

    which = 0;
    try {
        thrower(0, 4);
    } catch (...) {
        which = 4;
    }
    CHECK(which == 4, "catch (...)");

    /* standard library exceptions */
    std::vector<int> v(3);
    try {
        v.at(3) = 1;
        CHECK(0, "at() past the end did not throw");
    } catch (const std::out_of_range &) {
        which = 5;
    }
    CHECK(which == 5, "std::out_of_range from vector::at");
    try {
        std::string("abc").substr(10);
    } catch (const std::logic_error &) {
        which = 6;
    }
    CHECK(which == 6, "out_of_range caught as logic_error");
    try {
        throw std::overflow_error("ovf");
    } catch (const std::runtime_error &e) {
        which = std::string(e.what()) == "ovf" ? 7 : 0;
    }
    CHECK(which == 7, "overflow_error as runtime_error");
    try {
        std::size_t huge = OPAQUE((std::size_t)0x7fffffff);
        std::vector<std::uint64_t> big(huge);
        CHECK(0, "huge vector allocated");
    } catch (const std::bad_alloc &) {
        which = 8;
    } catch (const std::length_error &) {
        which = 8;
    }
    CHECK(which == 8, "bad_alloc or length_error for a huge vector");

    /* nested: a throw inside a handler, and a try inside a destructor during unwinding */
    struct CatchingDtor {
        int *out;
        ~CatchingDtor()
        {
            try {
                throw 5;
            } catch (int x) {
                *out = x;
            }
        }
    };
    int from_dtor = 0;
    try {
        CatchingDtor cd{ &from_dtor };
        throw std::runtime_error("outer");
    } catch (const std::runtime_error &e) {
        CHECK(std::string(e.what()) == "outer", "outer exception survives inner one");
    }
    CHECK(from_dtor == 5, "exception handled inside a destructor during unwinding");

    try {
        try {
            throw 1;
        } catch (int) {
            throw std::string("second");
        }
    } catch (const std::string &s) {
        CHECK(s == "second", "exception thrown from a handler");
    }

    /* exception_ptr */
    std::exception_ptr ep;
    try {
        throw MyBase("stored", 11);
    } catch (...) {
        ep = std::current_exception();
    }
    try {
        std::rethrow_exception(ep);
    } catch (const MyBase &e) {
        CHECK(e.code == 11, "rethrow_exception");
    }

    /* many throws in a loop, with values */
    long total = 0;
    for (int i = 0; i < 2000; i++) {
        try {
            if (i % 3 == 0)
                throw i;
            total += 1;
        } catch (int x) {
            total += x;
        }
    }
    long want = 0;
    for (int i = 0; i < 2000; i++)
        want += i % 3 == 0 ? i : 1;
    CHECK(total == want, "2000 throws in a loop");

    /* unique_ptr and vector cleanup during unwinding */
    static int live = 0;
    struct Counted {
        Counted() { live++; }
        Counted(const Counted &) { live++; }
        ~Counted() { live--; }
    };
    try {
        std::vector<Counted> vec(10);
        auto p = std::make_unique<Counted>();
        CHECK(live == 11, "live objects before throw: %d", live);
        throw std::runtime_error("cleanup");
    } catch (const std::exception &) {
    }
    CHECK(live == 0, "RAII released everything: %d", live);
}

/* ---- inheritance, virtual dispatch, RTTI ---- */

struct Shape {
    virtual ~Shape() {}
    virtual double area() const = 0;
    virtual std::string name() const { return "shape"; }
};

struct Rect : Shape {
    double w, h;
    Rect(double a, double b) : w(a), h(b) {}
    double area() const override { return w * h; }
    std::string name() const override { return "rect"; }
};

struct Square : Rect {
    explicit Square(double s) : Rect(s, s) {}
    std::string name() const override { return "square"; }
};

struct Tri : Shape {
    double b, h;
    Tri(double x, double y) : b(x), h(y) {}
    double area() const override { return b * h / 2; }
};

struct Named {
    virtual ~Named() {}
    virtual const char *label() const { return "named"; }
    int named_field = 1234;
};

struct Printable {
    virtual ~Printable() {}
    virtual int width() const = 0;
    int printable_field = 5678;
};

struct Widget : Named, Printable {
    int w;
    explicit Widget(int x) : w(x) {}
    const char *label() const override { return "widget"; }
    int width() const override { return w; }
};

/* virtual inheritance: one shared Base */
struct VBase {
    int v = 0;
    virtual ~VBase() {}
    virtual int id() const { return 1; }
};
struct VLeft : virtual VBase {
    int id() const override { return 2; }
    void setl(int x) { v = x; }
};
struct VRight : virtual VBase {
    int r = 9;
    int getr() const { return v; }
};
struct VJoin : VLeft, VRight {
    int id() const override { return 3; }
};

static NOINLINE int width_of(const Printable *p) { return p->width(); }
static NOINLINE const char *label_of(const Named &n) { return n.label(); }

static void test_oop()
{
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.emplace_back(new Rect(2, 3));
    shapes.emplace_back(new Square(4));
    shapes.emplace_back(new Tri(5, 6));
    double total = 0;
    std::string names;
    for (auto &s : shapes) {
        total += s->area();
        names += s->name() + ",";
    }
    CHECK(total == 6 + 16 + 15, "virtual area sum %g", total);
    CHECK(names == "rect,square,shape,", "virtual names %s", names.c_str());

    CHECK(typeid(*shapes[1]) == typeid(Square), "typeid of Square");
    CHECK(typeid(*shapes[0]) != typeid(Square), "typeid of Rect is not Square");
    CHECK(dynamic_cast<Rect *>(shapes[1].get()) != nullptr, "Square is a Rect");
    CHECK(dynamic_cast<Square *>(shapes[0].get()) == nullptr, "Rect is not a Square");
    CHECK(dynamic_cast<Rect *>(shapes[2].get()) == nullptr, "Tri is not a Rect");
    Shape &ref = *shapes[2];
    int caught = 0;
    try {
        (void)dynamic_cast<Rect &>(ref);
    } catch (const std::bad_cast &) {
        caught = 1;
    }
    CHECK(caught, "dynamic_cast to reference throws bad_cast");

    Widget w(17);
    Printable *pp = &w;
    Named *np = &w;
    CHECK((void *)pp != (void *)np, "second base has a different address");
    CHECK(width_of(&w) == 17 && std::string(label_of(w)) == "widget", "multiple-base dispatch");
    CHECK(pp->printable_field == 5678 && np->named_field == 1234, "base fields");
    /* cross cast from one base to the other through RTTI */
    Named *cross = dynamic_cast<Named *>(pp);
    CHECK(cross == np, "cross cast Printable -> Named");
    CHECK(dynamic_cast<Widget *>(pp) == &w, "down cast from the second base");
    CHECK(dynamic_cast<void *>(pp) == (void *)&w, "dynamic_cast<void*> gives the complete object");
    CHECK(std::string(typeid(*pp).name()).find("Widget") != std::string::npos,
          "typeid name mentions Widget");

    VJoin j;
    j.setl(77);
    CHECK(j.getr() == 77, "virtual base shared between both paths");
    VBase *vb = &j;
    CHECK(vb->id() == 3, "virtual base dispatch");
    CHECK(dynamic_cast<VRight *>(vb) == static_cast<VRight *>(&j), "down cast from virtual base");
    VLeft *vl = &j;
    CHECK(dynamic_cast<VRight *>(vl)->r == 9, "cross cast through virtual base");
}

/* ---- templates ---- */

template <typename T, int N> struct FixedStack {
    T items[N];
    int n = 0;
    bool push(const T &v)
    {
        if (n == N)
            return false;
        items[n++] = v;
        return true;
    }
    T pop() { return items[--n]; }
};

template <typename T> T gsum(T x) { return x; }
template <typename T, typename... Rest> T gsum(T x, Rest... rest) { return x + gsum<T>(rest...); }

constexpr std::uint64_t cfib(int n) { return n < 2 ? (std::uint64_t)n : cfib(n - 1) + cfib(n - 2); }

template <int N> struct Fact {
    static constexpr std::uint64_t value = N * Fact<N - 1>::value;
};
template <> struct Fact<0> {
    static constexpr std::uint64_t value = 1;
};

template <typename Container> static typename Container::value_type total_of(const Container &c)
{
    typename Container::value_type t{};
    for (const auto &x : c)
        t += x;
    return t;
}

static void test_templates()
{
    FixedStack<std::string, 3> st;
    CHECK(st.push("a") && st.push("bb") && st.push("ccc") && !st.push("d"), "fixed stack push");
    CHECK(st.pop() == "ccc" && st.pop() == "bb", "fixed stack pop");
    CHECK(gsum(1, 2, 3, 4, 5) == 15, "variadic sum");
    CHECK(gsum(0.5, 0.25, 0.125) == 0.875, "variadic double sum");
    static_assert(cfib(20) == 6765, "constexpr fibonacci");
    static_assert(Fact<20>::value == 2432902008176640000ull, "template factorial");
    std::uint64_t f = 1;
    for (int i = 2; i <= OPAQUE(20); i++)
        f *= i;
    CHECK(f == Fact<20>::value, "template factorial matches a loop");
    std::vector<double> vd{ 1.5, 2.5, 3.0 };
    CHECK(total_of(vd) == 7.0, "template over vector<double>");
    CHECK(total_of(std::string("abc")) == (char)('a' + 'b' + 'c'), "template over string");
}

/* ---- standard containers and algorithms ---- */

static void test_library()
{
    /* string */
    std::string s = "Hello";
    s += ", ";
    s.append("world");
    s.insert(0, ">> ");
    CHECK(s == ">> Hello, world", "string building: %s", s.c_str());
    CHECK(s.find("world") == 10 && s.rfind('l') == 13 && s.find('z') == std::string::npos,
          "string find");
    std::string up = s;
    std::transform(up.begin(), up.end(), up.begin(), [](char c) {
        return (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
    });
    CHECK(up == ">> HELLO, WORLD", "transform to upper");
    std::string longstr(1000, 'x');
    longstr[500] = 'y';
    CHECK(longstr.size() == 1000 && longstr.find('y') == 500, "long string");
    CHECK(std::to_string(-12345) == "-12345" && std::stoi("  678") == 678, "to_string/stoi");
    CHECK(std::stoll("-9000000000") == -9000000000LL, "stoll");

    /* vector and sort */
    std::vector<int> v;
    check_seed(777);
    for (int i = 0; i < 5000; i++)
        v.push_back((int)(check_rand() % 100000) - 50000);
    std::vector<int> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::is_sorted(sorted.begin(), sorted.end()), "std::sort result is sorted");
    CHECK(std::accumulate(v.begin(), v.end(), 0LL) ==
              std::accumulate(sorted.begin(), sorted.end(), 0LL), "sort keeps the sum");
    /* insertion sort reference on a prefix */
    std::vector<int> pre(v.begin(), v.begin() + 300);
    for (std::size_t i = 1; i < pre.size(); i++)
        for (std::size_t j = i; j > 0 && pre[j - 1] > pre[j]; j--)
            std::swap(pre[j - 1], pre[j]);
    std::vector<int> pre2(v.begin(), v.begin() + 300);
    std::sort(pre2.begin(), pre2.end(), [](int a, int b) { return a < b; });
    CHECK(pre == pre2, "std::sort matches insertion sort");
    std::sort(pre2.begin(), pre2.end(), std::greater<int>());
    CHECK(std::equal(pre.rbegin(), pre.rend(), pre2.begin()), "descending sort");
    std::vector<std::pair<int, int>> pairs;
    for (int i = 0; i < 200; i++)
        pairs.push_back({ i % 7, i });
    std::stable_sort(pairs.begin(), pairs.end(),
                     [](const std::pair<int, int> &a, const std::pair<int, int> &b) {
                         return a.first < b.first;
                     });
    bool stable = true;
    for (std::size_t i = 1; i < pairs.size(); i++)
        if (pairs[i - 1].first == pairs[i].first && pairs[i - 1].second > pairs[i].second)
            stable = false;
    CHECK(stable && pairs.front().first == 0 && pairs.back().first == 6, "stable_sort");
    auto it = std::lower_bound(sorted.begin(), sorted.end(), 0);
    CHECK((it == sorted.end() || *it >= 0) && (it == sorted.begin() || *(it - 1) < 0),
          "lower_bound");

    /* map: ordered iteration */
    std::map<std::string, int> m;
    const char *words[] = { "pear", "apple", "fig", "banana", "apple", "fig", "apple" };
    for (const char *w : words)
        m[w]++;
    std::string order;
    for (const auto &kv : m)
        order += kv.first + "=" + std::to_string(kv.second) + ";";
    CHECK(order == "apple=3;banana=1;fig=2;pear=1;", "map order: %s", order.c_str());
    m.erase("fig");
    CHECK(m.size() == 3 && m.count("fig") == 0 && m.find("pear") != m.end(), "map erase");

    /* unordered_map against a direct array count */
    std::unordered_map<int, int> um;
    int counts[1000] = { 0 };
    for (int i = 0; i < 20000; i++) {
        int k = (int)(check_rand() % 1000);
        um[k * 7919]++;
        counts[k]++;
    }
    bool same = true;
    std::size_t nonzero = 0;
    for (int k = 0; k < 1000; k++) {
        if (counts[k])
            nonzero++;
        auto f = um.find(k * 7919);
        int got = f == um.end() ? 0 : f->second;
        same &= got == counts[k];
    }
    CHECK(same && um.size() == nonzero, "unordered_map counts");
    std::unordered_map<std::string, std::vector<int>> groups;
    for (int i = 0; i < 100; i++)
        groups[std::to_string(i % 10)].push_back(i);
    CHECK(groups.size() == 10 && groups["3"].size() == 10 && groups["3"][9] == 93,
          "unordered_map of vectors");

    /* std::function and lambdas with captures */
    int base = 10;
    std::function<int(int)> add_base = [base](int x) { return x + base; };
    std::function<int(int)> twice = [&](int x) { return add_base(add_base(x)); };
    base = 1000; /* captured by value above: no effect */
    CHECK(twice(1) == 21, "std::function composition");
    std::vector<std::function<long(long)>> pipeline;
    for (int k = 1; k <= 5; k++)
        pipeline.push_back([k](long x) { return x * k + 1; });
    long x = 0;
    for (auto &fn : pipeline)
        x = fn(x);
    CHECK(x == ((((0 * 1 + 1) * 2 + 1) * 3 + 1) * 4 + 1) * 5 + 1, "lambda pipeline %ld", x);
    std::function<std::uint64_t(int)> fib = [&fib](int n) -> std::uint64_t {
        return n < 2 ? (std::uint64_t)n : fib(n - 1) + fib(n - 2);
    };
    CHECK(fib(OPAQUE(25)) == cfib(25), "recursive std::function");
    int counter = 0;
    auto inc = [&counter]() mutable { return ++counter; };
    inc();
    inc();
    CHECK(counter == 2, "lambda capture by reference");
    std::function<void()> empty;
    int bad = 0;
    try {
        empty();
    } catch (const std::bad_function_call &) {
        bad = 1;
    }
    CHECK(bad, "calling an empty std::function throws");
}

/* ---- iostream ---- */

static void test_iostream()
{
    std::ostringstream os;
    os << 42 << ' ' << -7 << ' ' << 3.5 << ' ' << std::hex << 255 << ' ' << std::dec
       << std::setw(6) << std::setfill('*') << 12 << ' ' << std::fixed << std::setprecision(3)
       << 2.0 / 3 << ' ' << std::string("str") << ' ' << true << ' ' << std::boolalpha << false;
    CHECK(os.str() == "42 -7 3.5 ff ****12 0.667 str 1 false", "ostringstream: %s",
          os.str().c_str());
    std::istringstream is("17 0x1f 2.25 word");
    int a = 0, b = 0;
    double d = 0;
    std::string w;
    is >> a >> std::hex >> b >> std::dec >> d >> w;
    CHECK(a == 17 && b == 31 && d == 2.25 && w == "word", "istringstream");

    /* std::cout through a captured buffer */
    std::ostringstream capture;
    std::streambuf *old = std::cout.rdbuf(capture.rdbuf());
    std::cout << "sum=" << 1 + 2 << " pi~" << std::setprecision(4) << 3.14159265 << std::endl;
    std::cout << std::left << std::setw(5) << "ab" << '|' << std::right << std::setw(5) << "cd"
              << '\n';
    std::cout.rdbuf(old);
    CHECK(capture.str() == "sum=3 pi~3.142\nab   |   cd\n", "cout text: %s", capture.str().c_str());
    std::cout.flags(std::ios::fmtflags());
    std::cout << std::setprecision(6);

    /* and real output, interleaved with printf */
    std::cout << "cxx: iostream line " << 7 * 6 << std::endl;
    std::fflush(stdout);
}

int main()
{
    test_static_init();
    test_exceptions();
    test_oop();
    test_templates();
    test_library();
    test_iostream();
    return check_summary("cxx");
}
