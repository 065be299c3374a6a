// weft: run a JavaScript file (`weft FILE.js [args]`) or a snippet (`weft -e CODE`).
#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/engine.h"
#include "interpreter/modules.h"
#include "interpreter/thread_state.h"
#include "shell/shell.h"
#include "threads/thread_runtime.h"
#include "vm/realm.h"
#include "vm/runtime.h"
#include "base/race_amplifier.h"
#include "vm/vm.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using namespace weft;

static constexpr char const* kUsage =
    "Usage: weft [options] FILE.js [arguments...]\n"
    "       weft [options] -e CODE\n"
    "\n"
    "Options:\n"
    "  -e, --eval CODE      run CODE instead of a file\n"
    "  --module             run FILE as an ES module (default for .mjs files)\n"
    "  --include FILE       run FILE as a script first (repeatable, in order)\n"
    "  --gc-stats           print garbage-collector statistics at exit\n"
    "  --heap-limit=MB      fail allocations (RangeError) beyond MB megabytes of heap\n"
    "  --stack-size=KB      size of the interpreter's register stack (default 8192)\n"
    "  --gc-stress          collect garbage at every allocation-block refill (slow; finds\n"
    "                       missing or stale GC roots)\n"
    "  --threads=MODE       parallel (default): threads run in parallel, no global lock;\n"
    "                       gil: one global lock serialises JavaScript (released when a\n"
    "                       thread blocks, handed over on a time slice); off: no Thread API\n"
    "  --max-threads=N      maximum number of live spawned threads (default 32766)\n"
    "  --thread-stack-size=KB  native stack size of spawned threads (default 8192; values\n"
    "                       below 1024 are raised to 1024)\n"
    "  --race-amplify=SEED  yield at random at engine synchronisation points (debug and\n"
    "                       tsan builds), so that rare interleavings become common\n"
    "  -h, --help           print this help\n"
    "  -v, --version        print the version\n";

struct Options {
    std::string file;
    std::string code;
    bool eval = false;
    bool gc_stats = false;
    bool module = false;
    std::vector<std::string> includes;
    usize heap_limit_mb = 0;
    usize stack_kb = 8192;
    std::vector<std::string> arguments;
    bool gc_stress = false;
    ThreadOptions threads;
};

static bool parse_size(char const* text, usize* out)
{
    char* end = nullptr;
    unsigned long long v = std::strtoull(text, &end, 10);
    if (!end || *end || v == 0)
        return false;
    *out = static_cast<usize>(v);
    return true;
}

static int parse_options(int argc, char** argv, Options& options)
{
    for (int i = 1; i < argc; ++i) {
        char const* a = argv[i];
        if (!options.file.empty() || (options.eval && !options.code.empty())) {
            options.arguments.push_back(a);
            continue;
        }
        if (!std::strcmp(a, "-h") || !std::strcmp(a, "--help")) {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (!std::strcmp(a, "-v") || !std::strcmp(a, "--version")) {
            std::puts("weft 0.1.0");
            return 0;
        }
        if (!std::strcmp(a, "-e") || !std::strcmp(a, "--eval")) {
            if (i + 1 >= argc) {
                std::fputs("weft: -e needs an argument\n", stderr);
                return 2;
            }
            options.eval = true;
            options.code = argv[++i];
            continue;
        }
        if (!std::strcmp(a, "--module")) {
            options.module = true;
            continue;
        }
        if (!std::strcmp(a, "--include")) {
            if (i + 1 >= argc) {
                std::fputs("weft: --include needs an argument\n", stderr);
                return 2;
            }
            options.includes.push_back(argv[++i]);
            continue;
        }
        if (!std::strcmp(a, "--gc-stats")) {
            options.gc_stats = true;
            continue;
        }
        if (!std::strncmp(a, "--heap-limit=", 13)) {
            if (!parse_size(a + 13, &options.heap_limit_mb)) {
                std::fprintf(stderr, "weft: bad --heap-limit value '%s'\n", a + 13);
                return 2;
            }
            continue;
        }
        if (!std::strncmp(a, "--stack-size=", 13)) {
            if (!parse_size(a + 13, &options.stack_kb)) {
                std::fprintf(stderr, "weft: bad --stack-size value '%s'\n", a + 13);
                return 2;
            }
            continue;
        }
        if (!std::strncmp(a, "--threads=", 10)) {
            char const* mode = a + 10;
            if (!std::strcmp(mode, "parallel") || !std::strcmp(mode, "gil")) {
                if (!kThreadsEnabled) {
                    std::fprintf(stderr, "weft: this build has no thread support (WEFT_THREADS=OFF); only --threads=off\n");
                    return 2;
                }
                options.threads.mode = mode[0] == 'p' ? ThreadsMode::Parallel : ThreadsMode::Gil;
            } else if (!std::strcmp(mode, "off")) {
                options.threads.mode = ThreadsMode::Off;
            } else {
                std::fprintf(stderr, "weft: bad --threads value '%s' (parallel, gil or off)\n", mode);
                return 2;
            }
            continue;
        }
        if (!std::strncmp(a, "--max-threads=", 14)) {
            usize n = 0;
            if (!parse_size(a + 14, &n) || n > 1'000'000) {
                std::fprintf(stderr, "weft: bad --max-threads value '%s'\n", a + 14);
                return 2;
            }
            options.threads.max_threads = static_cast<u32>(n);
            continue;
        }
        if (!std::strncmp(a, "--thread-stack-size=", 20)) {
            usize kb = 0;
            if (!parse_size(a + 20, &kb) || kb < 64) {
                std::fprintf(stderr, "weft: bad --thread-stack-size value '%s' (at least 64)\n", a + 20);
                return 2;
            }
            options.threads.thread_stack_bytes = kb * KiB;
            continue;
        }
        if (!std::strncmp(a, "--race-amplify=", 15)) {
            usize seed = 0;
            if (!parse_size(a + 15, &seed)) {
                std::fprintf(stderr, "weft: bad --race-amplify value '%s' (a positive integer)\n", a + 15);
                return 2;
            }
            if (!kRaceAmplifierAvailable) {
                std::fputs("weft: --race-amplify is available in debug and tsan builds only\n", stderr);
                return 2;
            }
            options.threads.race_amplify_seed = seed;
            continue;
        }
        if (!std::strcmp(a, "--gc-stress")) {
            options.gc_stress = true;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            std::fprintf(stderr, "weft: unknown option '%s'\n%s", a, kUsage);
            return 2;
        }
        options.file = a;
    }
    if (options.file.empty() && !options.eval) {
        std::fputs(kUsage, stderr);
        return 2;
    }
    return -1;
}

// Prints "Uncaught <Name>: <message>" and the stack (file:line:column) for an exception.
static void report_uncaught(Vm& vm, Value exception, char const* prefix = "Uncaught")
{
    std::fflush(stdout);
    std::string text = format_uncaught(vm, exception, prefix);
    std::fwrite(text.data(), 1, text.size(), stderr);
}

static void print_gc_stats(Heap& heap)
{
    GcStats s = heap.stats();
    std::fprintf(stderr,
        "gc: collections %llu, total pause %.3f ms (marking %.3f ms, %u markers last), max pause %.3f ms, allocated %.1f MiB, live after last %.1f MiB, heap %.1f MiB\n",
        static_cast<unsigned long long>(s.collections), s.total_pause_ns / 1e6, s.total_mark_ns / 1e6, s.last_marker_threads,
        s.max_pause_ns / 1e6, s.bytes_allocated_total / double(MiB), s.live_bytes_after_last / double(MiB), s.heap_bytes / double(MiB));
}

static int run(Options const& options)
{
    RuntimeConfig config;
    if (options.heap_limit_mb)
        config.heap.limit_bytes = options.heap_limit_mb * MiB;
    config.heap.gc_stress = options.gc_stress;
    prepare_heap_for_threads(config.heap, options.threads);
    Runtime runtime(config);
    int status = 0;
    {
        Vm vm(runtime);
        EngineOptions engine_options;
        engine_options.register_stack_bytes = options.stack_kb * KiB;
        if (!initialize_engine(vm, engine_options)) {
            std::fputs("weft: out of memory while creating the realm (heap limit too small)\n", stderr);
            return 1;
        }
        if (install_thread_runtime(vm, options.threads).is_throw()) {
            std::fputs("weft: out of memory while creating the thread API\n", stderr);
            return 1;
        }
        ShellOptions shell_options { options.arguments };
        if (install_shell_globals(vm, shell_options).is_throw()) {
            std::fputs("weft: out of memory while creating the shell globals\n", stderr);
            return 1;
        }
        auto read_file = [&](std::string const& path, std::string& out) {
            std::ifstream in(path, std::ios::binary);
            if (!in) {
                std::fprintf(stderr, "weft: cannot open '%s'\n", path.c_str());
                return false;
            }
            std::ostringstream buffer;
            buffer << in.rdbuf();
            out = buffer.str();
            return true;
        };
        std::string source;
        std::string file = options.eval ? std::string("[eval]") : options.file;
        if (options.eval) {
            source = options.code;
        } else if (!read_file(options.file, source)) {
            detach_engine_thread(vm);
            return 1;
        }
        std::string syntax_error;
        ThrowOr<Value> result = Value::undefined();
        for (auto const& include : options.includes) {
            std::string text;
            if (!read_file(include, text)) {
                detach_engine_thread(vm);
                return 1;
            }
            result = evaluate_script(vm, text, include, &syntax_error);
            if (result.is_throw())
                break;
        }
        bool module = options.module || (!options.eval && file.ends_with(".mjs"));
        Value module_promise = Value::undefined();
        if (!result.is_throw() && module) {
            result = run_module_file(vm, file, &syntax_error);
            if (!result.is_throw()) {
                module_promise = result.value();
                vm.realm()->add_root(module_promise);
            }
        } else if (!result.is_throw()) {
            result = evaluate_script(vm, source, file, &syntax_error);
        }
        if (result.is_throw()) {
            Value exception = vm.take_exception();
            if (!syntax_error.empty()) {
                std::fflush(stdout);
                std::fputs(syntax_error.c_str(), stderr);
                if (syntax_error.back() != '\n')
                    std::fputc('\n', stderr);
            } else {
                report_uncaught(vm, exception);
            }
            status = 1;
        } else {
            auto loop = run_event_loop(vm);
            if (loop.is_throw()) {
                report_uncaught(vm, vm.take_exception());
                status = 1;
            } else if (is_promise(module_promise)) {
                // A rejected module evaluation (e.g. a failing top-level await) is uncaught.
                PromiseInfo info = promise_info(as_object(module_promise));
                if (info.state == 2) {
                    report_uncaught(vm, info.result);
                    status = 1;
                }
            }
        }
        // The process does not exit while a spawned thread runs (THREADS-API section 1).
        if (wait_for_threads_and_report(vm))
            status = 1;
        if (status == 0) {
            for (Value reason : take_unhandled_rejections(vm)) {
                report_uncaught(vm, reason, "Uncaught (in promise)");
                status = 1;
            }
        }
        std::fflush(stdout);
        if (options.gc_stats)
            print_gc_stats(runtime.heap());
        detach_engine_thread(vm);
    }
    return status;
}

int main(int argc, char** argv)
{
    Options options;
    int early = parse_options(argc, argv, options);
    if (early >= 0)
        return early;
    int status = run(options);
    std::fflush(stdout);
    // Skip global destructors: the runtime is gone already and the OS reclaims the rest.
    std::_Exit(status);
}
