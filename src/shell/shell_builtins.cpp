// The shell's globals: load(path), readFile(path), setTimeout/clearTimeout/setInterval/clearInterval,
// performance.now(), scriptArgs; and the event loop that runs microtasks and timers.
#include "shell/shell.h"

#include "builtins/builtins.h"
#include "builtins/promise.h"
#include "interpreter/engine.h"
#include "interpreter/thread_state.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace weft {

static std::chrono::steady_clock::time_point start_time()
{
    static auto start = std::chrono::steady_clock::now();
    return start;
}

static double now_ms()
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_time()).count();
}

static bool read_text_file(std::string const& path, std::string& out)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return false;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    out = buffer.str();
    return true;
}

static ThrowOr<Value> shell_read_file(Vm& vm, CallArgs const& args)
{
    String* path = TRY(ToString(vm, args.arg(0)));
    std::string text;
    if (!read_text_file(to_utf8(path), text))
        return throw_error(vm, ErrorType::Error, "ENOENT: no such file or directory, open '" + to_utf8(path) + "'");
    String* s = TRY(new_string(vm, text));
    return Value::from_cell(s);
}

static ThrowOr<Value> shell_load(Vm& vm, CallArgs const& args)
{
    String* path = TRY(ToString(vm, args.arg(0)));
    std::string file = to_utf8(path);
    std::string text;
    if (!read_text_file(file, text))
        return throw_error(vm, ErrorType::Error, "ENOENT: no such file or directory, open '" + file + "'");
    return evaluate_script(vm, text, file);
}

static ThrowOr<Value> add_timer(Vm& vm, CallArgs const& args, bool repeat)
{
    Value callback = args.arg(0);
    if (!is_callable(callback))
        return throw_type_error(vm, "The \"callback\" argument must be of type function. Received %s", describe_for_error(vm, callback).c_str());
    double delay = 0;
    if (!args.arg(1).is_undefined()) {
        delay = TRY(ToNumber(vm, args.arg(1)));
        if (!(delay >= 1))
            delay = 1;
    } else {
        delay = 1;
    }
    ThreadState& ts = *vm.thread_state();
    Timer timer;
    timer.id = ts.next_timer_id++;
    timer.due_ms = now_ms() + delay;
    timer.interval_ms = repeat ? delay : -1;
    timer.callback = callback;
    for (u32 i = 2; i < args.count(); ++i)
        timer.arguments.push_back(args.arg(i));
    ts.timers.push_back(std::move(timer));
    return Value::from_u64(ts.timers.back().id);
}

static ThrowOr<Value> shell_set_timeout(Vm& vm, CallArgs const& args) { return add_timer(vm, args, false); }
static ThrowOr<Value> shell_set_interval(Vm& vm, CallArgs const& args) { return add_timer(vm, args, true); }

static ThrowOr<Value> shell_clear_timer(Vm& vm, CallArgs const& args)
{
    if (!args.arg(0).is_number())
        return Value::undefined();
    u64 id = static_cast<u64>(args.arg(0).as_number());
    std::erase_if(vm.thread_state()->timers, [&](Timer const& t) { return t.id == id; });
    return Value::undefined();
}

static ThrowOr<Value> performance_now(Vm&, CallArgs const&) { return Value::from_double(now_ms()); }

static ThrowOr<Value> shell_gc(Vm& vm, CallArgs const&)
{
    vm.heap().collect(vm.mutator());
    return Value::undefined();
}

constexpr NativeMethod kShellGlobals[] = {
    { "clearInterval", 1, shell_clear_timer },
    { "clearTimeout", 1, shell_clear_timer },
    { "gc", 0, shell_gc },
    { "load", 1, shell_load },
    { "readFile", 1, shell_read_file },
    { "setInterval", 2, shell_set_interval },
    { "setTimeout", 2, shell_set_timeout },
};

constexpr NativeMethod kPerformanceMethods[] = { { "now", 0, performance_now } };

ThrowOr<void> install_shell_globals(Vm& vm, ShellOptions const& options)
{
    (void)start_time();
    Object* global = vm.realm()->global_object;
    TRY(install_methods(vm, global, kShellGlobals));
    Object* performance = TRY(new_object(vm));
    TRY(install_methods(vm, performance, kPerformanceMethods));
    TRY(define_value(vm, global, "performance", Value::from_cell(performance)));
    RootedValues arguments(vm);
    for (auto const& a : options.script_arguments) {
        String* s = TRY(new_string(vm, a));
        arguments.push(Value::from_cell(s));
    }
    ArrayObject* script_args = TRY(CreateArrayFromList(vm, arguments.values()));
    TRY(define_value(vm, global, "scriptArgs", Value::from_cell(script_args)));
    return {};
}

ThrowOr<void> run_event_loop(Vm& vm)
{
    ThreadState& ts = *vm.thread_state();
    for (;;) {
        TRY(run_microtasks(vm));
        if (ts.timers.empty())
            return {};
        // The earliest due timer (ties in creation order).
        usize next = 0;
        for (usize i = 1; i < ts.timers.size(); ++i)
            if (ts.timers[i].due_ms < ts.timers[next].due_ms)
                next = i;
        double wait = ts.timers[next].due_ms - now_ms();
        if (wait > 0) {
            SafeRegion away(vm.mutator());
            std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(wait));
        }
        Timer timer = ts.timers[next];
        RootedValues keep(vm);
        keep.push(timer.callback);
        for (Value v : timer.arguments)
            keep.push(v);
        if (timer.interval_ms >= 0) {
            ts.timers[next].due_ms = now_ms() + timer.interval_ms;
        } else {
            ts.timers.erase(ts.timers.begin() + static_cast<long>(next));
        }
        TRY(Call(vm, timer.callback, Value::undefined(), std::span<Value const>(timer.arguments)));
    }
}

} // namespace weft
