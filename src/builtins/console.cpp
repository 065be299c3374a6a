// The console object (log, info, debug to stdout; error, warn, trace to stderr) with Node's
// formatting: a leading format string (%s %d %i %f %o %O %j %%), then values as util.inspect shows them.
#include "builtins/builtins.h"

#include <cmath>
#include <cstdio>

namespace weft {

static ThrowOr<std::string> format_arguments(Vm& vm, CallArgs const& args)
{
    std::string out;
    u32 next = 0;
    if (args.count() > 0 && is_string(args.arg(0))) {
        std::string format = to_utf8(static_cast<String*>(args.arg(0).as_cell()));
        next = 1;
        for (usize i = 0; i < format.size(); ++i) {
            char c = format[i];
            if (c != '%' || i + 1 >= format.size()) {
                out += c;
                continue;
            }
            char f = format[i + 1];
            if (f == '%') {
                out += '%';
                ++i;
                continue;
            }
            if (next >= args.count() || std::string_view("sdifoOjc").find(f) == std::string_view::npos) {
                out += c;
                continue;
            }
            Value v = args.arg(next++);
            ++i;
            switch (f) {
            case 's':
                out += is_string(v) ? to_utf8(static_cast<String*>(v.as_cell())) : inspect_value(vm, v, false);
                break;
            case 'd':
            case 'i': {
                if (is_object(v)) {
                    out += "NaN";
                    break;
                }
                double d = TRY(ToNumber(vm, v));
                if (f == 'i')
                    d = std::trunc(d);
                out += inspect_value(vm, Value::from_number(d));
                break;
            }
            case 'f': {
                double d = TRY(ToNumber(vm, v));
                out += inspect_value(vm, Value::from_number(d));
                break;
            }
            case 'j': {
                Value json = TRY(Get(vm, vm.realm()->global_object, TRY(key_for(vm, "JSON"))));
                Value stringify = TRY(Get(vm, as_object(json), TRY(key_for(vm, "stringify"))));
                Value s = TRY(Call(vm, stringify, json, std::span<Value const>(&v, 1)));
                out += is_string(s) ? to_utf8(static_cast<String*>(s.as_cell())) : "undefined";
                break;
            }
            case 'c':
                break;
            default:
                out += inspect_value(vm, v, false);
                break;
            }
        }
    }
    for (u32 i = next; i < args.count(); ++i) {
        if (i > 0)
            out += ' ';
        out += inspect_value(vm, args.arg(i));
    }
    return out;
}

static ThrowOr<Value> write_line(Vm& vm, CallArgs const& args, FILE* stream)
{
    std::string line = TRY(format_arguments(vm, args));
    line += '\n';
    if (stream == stderr)
        std::fflush(stdout);
    std::fwrite(line.data(), 1, line.size(), stream);
    return Value::undefined();
}

static ThrowOr<Value> console_log(Vm& vm, CallArgs const& args) { return write_line(vm, args, stdout); }
static ThrowOr<Value> console_error(Vm& vm, CallArgs const& args) { return write_line(vm, args, stderr); }

static ThrowOr<Value> console_trace(Vm& vm, CallArgs const& args)
{
    std::string line = TRY(format_arguments(vm, args));
    std::string text = capture_stack_trace(vm, "Trace" + (line.empty() ? std::string() : ": " + line)) + "\n";
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return Value::undefined();
}

static ThrowOr<Value> console_assert(Vm& vm, CallArgs const& args)
{
    if (ToBoolean(args.arg(0)))
        return Value::undefined();
    std::string message = "Assertion failed";
    if (args.count() > 1) {
        CallArgs rest(args.callee(), args.this_value(), args.values() + 1, args.count() - 1);
        message += ": " + TRY(format_arguments(vm, rest));
    }
    message += '\n';
    std::fflush(stdout);
    std::fwrite(message.data(), 1, message.size(), stderr);
    return Value::undefined();
}

constexpr NativeMethod kConsoleMethods[] = {
    { "assert", 0, console_assert },
    { "debug", 0, console_log },
    { "error", 0, console_error },
    { "info", 0, console_log },
    { "log", 0, console_log },
    { "trace", 0, console_trace },
    { "warn", 0, console_error },
};

ThrowOr<void> install_console(Vm& vm)
{
    Object* console = TRY(new_object(vm));
    TRY(install_methods(vm, console, kConsoleMethods));
    TRY(define_value(vm, vm.realm()->global_object, "console", Value::from_cell(console)));
    return {};
}

} // namespace weft
