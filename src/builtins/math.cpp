// The Math object.
// spec: https://tc39.es/ecma262/#sec-math-object
#include "builtins/builtins.h"
#include "builtins/typed_array.h"

#include <cmath>
#include <random>

namespace weft {

using UnaryMath = double (*)(double);

template<UnaryMath F>
static ThrowOr<Value> math_unary(Vm& vm, CallArgs const& args)
{
    double x = TRY(ToNumber(vm, args.arg(0)));
    return Value::from_number(F(x));
}

static double js_round(double x)
{
    if (!std::isfinite(x) || x == 0)
        return x;
    if (x > 0 && x < 0.5)
        return 0.0;
    if (x < 0 && x >= -0.5)
        return -0.0;
    return std::floor(x + 0.5);
}
static double js_sign(double x)
{
    if (std::isnan(x) || x == 0)
        return x;
    return x > 0 ? 1 : -1;
}
static double js_fround(double x) { return static_cast<double>(static_cast<float>(x)); }
// Math.f16round ( x )
// spec: https://tc39.es/ecma262/#sec-math.f16round
static double js_f16round(double x) { return round_to_float16(x); }
static double js_abs(double x) { return std::fabs(x); }
static double js_ceil(double x) { return std::ceil(x); }
static double js_floor(double x) { return std::floor(x); }
static double js_trunc(double x) { return std::trunc(x); }
static double js_sqrt(double x) { return std::sqrt(x); }
// NOTE: glibc's cbrt is not correctly rounded for exact cubes (cbrt(27) = 3.0000000000000004).
static double js_cbrt(double x)
{
    double r = std::cbrt(x);
    double rounded = std::round(r);
    return rounded * rounded * rounded == x ? rounded : r;
}
static double js_exp(double x) { return std::exp(x); }
static double js_expm1(double x) { return std::expm1(x); }
static double js_log(double x) { return std::log(x); }
static double js_log2(double x) { return std::log2(x); }
static double js_log10(double x) { return std::log10(x); }
static double js_log1p(double x) { return std::log1p(x); }
static double js_sin(double x) { return std::sin(x); }
static double js_cos(double x) { return std::cos(x); }
static double js_tan(double x) { return std::tan(x); }
static double js_asin(double x) { return std::asin(x); }
static double js_acos(double x) { return std::acos(x); }
static double js_atan(double x) { return std::atan(x); }
static double js_sinh(double x) { return std::sinh(x); }
static double js_cosh(double x) { return std::cosh(x); }
static double js_tanh(double x) { return std::tanh(x); }
static double js_asinh(double x) { return std::asinh(x); }
static double js_acosh(double x) { return std::acosh(x); }
static double js_atanh(double x) { return std::atanh(x); }

static ThrowOr<Value> math_max(Vm& vm, CallArgs const& args)
{
    double result = -INFINITY;
    bool nan = false;
    for (u32 i = 0; i < args.count(); ++i) {
        double x = TRY(ToNumber(vm, args.arg(i)));
        if (std::isnan(x))
            nan = true;
        else if (x > result || (x == 0 && result == 0 && !std::signbit(x)))
            result = x;
    }
    return Value::from_number(nan ? std::nan("") : result);
}

static ThrowOr<Value> math_min(Vm& vm, CallArgs const& args)
{
    double result = INFINITY;
    bool nan = false;
    for (u32 i = 0; i < args.count(); ++i) {
        double x = TRY(ToNumber(vm, args.arg(i)));
        if (std::isnan(x))
            nan = true;
        else if (x < result || (x == 0 && result == 0 && std::signbit(x)))
            result = x;
    }
    return Value::from_number(nan ? std::nan("") : result);
}

static ThrowOr<Value> math_pow(Vm& vm, CallArgs const& args)
{
    double b = TRY(ToNumber(vm, args.arg(0)));
    double e = TRY(ToNumber(vm, args.arg(1)));
    if (std::isnan(e) || ((b == 1 || b == -1) && std::isinf(e)))
        return Value::from_double(std::nan(""));
    return Value::from_number(std::pow(b, e));
}

static ThrowOr<Value> math_atan2(Vm& vm, CallArgs const& args)
{
    double y = TRY(ToNumber(vm, args.arg(0)));
    double x = TRY(ToNumber(vm, args.arg(1)));
    return Value::from_number(std::atan2(y, x));
}

static ThrowOr<Value> math_hypot(Vm& vm, CallArgs const& args)
{
    double sum = 0;
    bool inf = false, nan = false;
    for (u32 i = 0; i < args.count(); ++i) {
        double x = TRY(ToNumber(vm, args.arg(i)));
        if (std::isinf(x))
            inf = true;
        if (std::isnan(x))
            nan = true;
        sum += x * x;
    }
    if (inf)
        return Value::from_number(INFINITY);
    if (nan)
        return Value::from_double(std::nan(""));
    return Value::from_number(std::sqrt(sum));
}

static ThrowOr<Value> math_imul(Vm& vm, CallArgs const& args)
{
    u32 a = TRY(ToUint32(vm, args.arg(0)));
    u32 b = TRY(ToUint32(vm, args.arg(1)));
    return Value::from_i32(static_cast<i32>(a * b));
}

static ThrowOr<Value> math_clz32(Vm& vm, CallArgs const& args)
{
    u32 x = TRY(ToUint32(vm, args.arg(0)));
    return Value::from_i32(x == 0 ? 32 : __builtin_clz(x));
}

// Math.random: a per-thread generator (no shared state, so no contention between threads).
static ThrowOr<Value> math_random(Vm&, CallArgs const&)
{
    thread_local std::mt19937_64 generator { std::random_device {}() };
    return Value::from_double(static_cast<double>(generator() >> 11) * (1.0 / 9007199254740992.0));
}

constexpr NativeMethod kMathMethods[] = {
    { "abs", 1, math_unary<js_abs> },
    { "acos", 1, math_unary<js_acos> },
    { "acosh", 1, math_unary<js_acosh> },
    { "asin", 1, math_unary<js_asin> },
    { "asinh", 1, math_unary<js_asinh> },
    { "atan", 1, math_unary<js_atan> },
    { "atanh", 1, math_unary<js_atanh> },
    { "atan2", 2, math_atan2 },
    { "cbrt", 1, math_unary<js_cbrt> },
    { "ceil", 1, math_unary<js_ceil> },
    { "clz32", 1, math_clz32 },
    { "cos", 1, math_unary<js_cos> },
    { "cosh", 1, math_unary<js_cosh> },
    { "exp", 1, math_unary<js_exp> },
    { "expm1", 1, math_unary<js_expm1> },
    { "floor", 1, math_unary<js_floor> },
    { "f16round", 1, math_unary<js_f16round> },
    { "fround", 1, math_unary<js_fround> },
    { "hypot", 2, math_hypot },
    { "imul", 2, math_imul },
    { "log", 1, math_unary<js_log> },
    { "log1p", 1, math_unary<js_log1p> },
    { "log10", 1, math_unary<js_log10> },
    { "log2", 1, math_unary<js_log2> },
    { "max", 2, math_max },
    { "min", 2, math_min },
    { "pow", 2, math_pow },
    { "random", 0, math_random },
    { "round", 1, math_unary<js_round> },
    { "sign", 1, math_unary<js_sign> },
    { "sin", 1, math_unary<js_sin> },
    { "sinh", 1, math_unary<js_sinh> },
    { "sqrt", 1, math_unary<js_sqrt> },
    { "tan", 1, math_unary<js_tan> },
    { "tanh", 1, math_unary<js_tanh> },
    { "trunc", 1, math_unary<js_trunc> },
};

ThrowOr<void> install_math(Vm& vm)
{
    Object* math = TRY(new_object(vm));
    TRY(install_methods(vm, math, kMathMethods));
    auto constant = PropertyAttributes::data(false, false, false);
    TRY(define_value(vm, math, "E", Value::from_number(M_E), constant));
    TRY(define_value(vm, math, "LN10", Value::from_number(M_LN10), constant));
    TRY(define_value(vm, math, "LN2", Value::from_number(M_LN2), constant));
    TRY(define_value(vm, math, "LOG10E", Value::from_number(M_LOG10E), constant));
    TRY(define_value(vm, math, "LOG2E", Value::from_number(M_LOG2E), constant));
    TRY(define_value(vm, math, "PI", Value::from_number(M_PI), constant));
    TRY(define_value(vm, math, "SQRT1_2", Value::from_number(M_SQRT1_2), constant));
    TRY(define_value(vm, math, "SQRT2", Value::from_number(M_SQRT2), constant));
    String* tag = TRY(intern(vm, "Math"));
    TRY(DefinePropertyOrThrow(vm, math, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    TRY(define_value(vm, vm.realm()->global_object, "Math", Value::from_cell(math)));
    return {};
}

} // namespace weft
