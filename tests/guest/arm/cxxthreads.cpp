/*
 * cxxthreads.cpp: C++ threads as libstdc++ builds them on pthreads.
 * - std::thread with lambdas and arguments, joined; std::async / std::future results;
 * - exceptions thrown, caught and rethrown inside threads, concurrently (the unwinder's
 *   caches are shared), and carried to another thread with std::exception_ptr / futures;
 * - std::mutex, std::lock_guard, std::condition_variable, std::atomic;
 * - thread_local objects with constructors and destructors run per thread.
 * Results are independent of scheduling.
 */
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <future>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "check.h"

static std::atomic<int> live_tls{0}, made_tls{0};

struct Tracked {
    int value = 42;
    Tracked() { made_tls++; live_tls++; }
    ~Tracked() { live_tls--; }
};
static thread_local Tracked tracked;

static int deep_throw(int depth)
{
    std::string guard = "frame " + std::to_string(depth);
    if (depth == 0)
        throw std::runtime_error("bottom");
    return deep_throw(depth - 1) + (int)guard.size();
}

static void test_exceptions_in_threads()
{
    std::atomic<int> caught{0};
    std::vector<std::thread> ts;
    for (int i = 0; i < 8; i++) {
        ts.emplace_back([&caught, i] {
            for (int k = 0; k < 200; k++) {
                try {
                    deep_throw(5 + (i + k) % 7);
                } catch (const std::runtime_error &e) {
                    if (std::string(e.what()) == "bottom")
                        caught++;
                }
                try {
                    try {
                        throw std::out_of_range("inner");
                    } catch (const std::logic_error &) {
                        throw;
                    }
                } catch (const std::out_of_range &) {
                    caught++;
                }
            }
        });
    }
    for (auto &t : ts)
        t.join();
    CHECK(caught == 8 * 200 * 2, "exceptions caught in threads: %d", caught.load());
}

static void test_futures()
{
    std::vector<std::future<long>> fs;
    for (int i = 1; i <= 6; i++)
        fs.push_back(std::async(std::launch::async, [i] {
            long s = 0;
            for (int k = 1; k <= i * 1000; k++)
                s += k;
            return s;
        }));
    for (int i = 1; i <= 6; i++) {
        long n = i * 1000;
        CHECK(fs[i - 1].get() == n * (n + 1) / 2, "async %d", i);
    }
    auto failing = std::async(std::launch::async, [] () -> int {
        throw std::invalid_argument("from another thread");
    });
    bool got = false;
    try {
        failing.get();
    } catch (const std::invalid_argument &e) {
        got = std::string(e.what()) == "from another thread";
    }
    CHECK(got, "exception carried through a future");

    std::exception_ptr ep;
    std::thread t([&ep] {
        try {
            throw std::length_error("ptr");
        } catch (...) {
            ep = std::current_exception();
        }
    });
    t.join();
    got = false;
    try {
        std::rethrow_exception(ep);
    } catch (const std::length_error &e) {
        got = std::string(e.what()) == "ptr";
    }
    CHECK(got, "exception_ptr rethrown in main");
}

static void test_sync()
{
    std::mutex m;
    std::condition_variable cv;
    int turn = 0;
    long total = 0;
    const int n = 4, rounds = 100;
    std::vector<std::thread> ts;
    for (int id = 0; id < n; id++) {
        ts.emplace_back([&, id] {
            for (int r = 0; r < rounds; r++) {
                std::unique_lock<std::mutex> lk(m);
                cv.wait(lk, [&] { return turn % n == id; });
                total += turn;
                turn++;
                cv.notify_all();
            }
        });
    }
    for (auto &t : ts)
        t.join();
    long want = (long)(n * rounds) * (n * rounds - 1) / 2;
    CHECK(total == want && turn == n * rounds, "round robin: total %ld turn %d", total, turn);
}

static void test_thread_local()
{
    int before = made_tls.load();
    std::vector<std::thread> ts;
    std::atomic<int> ok{0};
    for (int i = 0; i < 5; i++)
        ts.emplace_back([&ok, i] {
            tracked.value += i;
            if (tracked.value == 42 + i)
                ok++;
        });
    for (auto &t : ts)
        t.join();
    CHECK(ok == 5, "thread_local values");
    CHECK(made_tls.load() - before == 5, "thread_local constructed per thread: %d",
          made_tls.load() - before);
    /* Every thread's copy was destroyed at its exit; main's is alive. */
    CHECK(live_tls.load() == (made_tls.load() > 5 ? 1 : 0), "thread_local destroyed: %d live",
          live_tls.load());
}

int main()
{
    tracked.value = 42;   /* main's copy exists too */
    test_exceptions_in_threads();
    test_futures();
    test_sync();
    test_thread_local();
    return check_summary("cxxthreads");
}
