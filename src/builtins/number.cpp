// Number, Boolean and the number-parsing globals (parseInt, parseFloat, isNaN, isFinite).
// spec: https://tc39.es/ecma262/#sec-number-objects
#include "builtins/builtins.h"

#include "base/number_format.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace weft {

static Value wrapped_primitive(Value v)
{
    if (v.is_cell_of_kind(CellKind::PrimitiveWrapper))
        return *reinterpret_cast<Value*>(reinterpret_cast<char*>(v.as_cell()) + EngineObject::kFieldsOffset);
    return v;
}

// thisNumberValue ( value )
static ThrowOr<double> this_number_value(Vm& vm, Value v, char const* method)
{
    Value p = wrapped_primitive(v);
    if (!p.is_number())
        return throw_type_error(vm, "Number.prototype.%s requires that 'this' be a Number", method);
    return p.as_number();
}

static ThrowOr<Value> wrap_if_constructing(Vm& vm, CallArgs const& args, Value primitive, Object* fallback)
{
    if (!args.is_construct())
        return primitive;
    Object* o = TRY(ToObject(vm, primitive));
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), fallback));
    if (proto != fallback && o->set_prototype_of(vm, proto) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return Value::from_cell(o);
}

static ThrowOr<Value> number_constructor(Vm& vm, CallArgs const& args)
{
    Value n = Value::from_i32(0);
    if (args.count() > 0)
        n = TRY(ToNumeric(vm, args.arg(0)));
    return wrap_if_constructing(vm, args, n, vm.realm()->number_prototype);
}

static ThrowOr<Value> number_is_finite(Vm&, CallArgs const& args)
{
    return Value::boolean(args.arg(0).is_number() && std::isfinite(args.arg(0).as_number()));
}
static ThrowOr<Value> number_is_nan(Vm&, CallArgs const& args)
{
    return Value::boolean(args.arg(0).is_number() && std::isnan(args.arg(0).as_number()));
}
static ThrowOr<Value> number_is_integer(Vm&, CallArgs const& args)
{
    if (!args.arg(0).is_number())
        return Value::boolean(false);
    double d = args.arg(0).as_number();
    return Value::boolean(std::isfinite(d) && std::trunc(d) == d);
}
static ThrowOr<Value> number_is_safe_integer(Vm&, CallArgs const& args)
{
    if (!args.arg(0).is_number())
        return Value::boolean(false);
    double d = args.arg(0).as_number();
    return Value::boolean(std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= 9007199254740991.0);
}

// Number.prototype.toString ( [ radix ] )
// spec: https://tc39.es/ecma262/#sec-number.prototype.tostring
static ThrowOr<Value> number_prototype_to_string(Vm& vm, CallArgs const& args)
{
    double x = TRY(this_number_value(vm, args.this_value(), "toString"));
    int radix = 10;
    if (!args.arg(0).is_undefined()) {
        double r = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
        if (r < 2 || r > 36)
            return throw_range_error(vm, "toString() radix must be between 2 and 36");
        radix = static_cast<int>(r);
    }
    String* s = TRY(new_string(vm, NumberToString(x, radix)));
    return Value::from_cell(s);
}

static ThrowOr<Value> number_prototype_value_of(Vm& vm, CallArgs const& args)
{
    double x = TRY(this_number_value(vm, args.this_value(), "valueOf"));
    return Value::from_number(x);
}

// Rounds the exact decimal expansion in `digits` (with a '.' somewhere) to `fraction` digits
// after the point, ties away from zero (the spec's "pick the larger n").
static std::string round_decimal(std::string digits, int fraction)
{
    usize point = digits.find('.');
    std::string integer = digits.substr(0, point);
    std::string frac = point == std::string::npos ? std::string() : digits.substr(point + 1);
    frac.resize(std::max<usize>(frac.size(), fraction + 1), '0');
    std::string kept = integer + frac.substr(0, fraction);
    bool round_up = frac[fraction] >= '5';
    if (round_up) {
        int i = static_cast<int>(kept.size()) - 1;
        while (i >= 0) {
            if (kept[i] == '9') {
                kept[i] = '0';
                --i;
            } else {
                ++kept[i];
                break;
            }
        }
        if (i < 0)
            kept.insert(kept.begin(), '1');
    }
    usize int_len = kept.size() - fraction;
    std::string out = kept.substr(0, int_len);
    if (fraction > 0)
        out += "." + kept.substr(int_len);
    return out;
}

// Number.prototype.toFixed ( fractionDigits )
// spec: https://tc39.es/ecma262/#sec-number.prototype.tofixed
static ThrowOr<Value> number_prototype_to_fixed(Vm& vm, CallArgs const& args)
{
    double x = TRY(this_number_value(vm, args.this_value(), "toFixed"));
    double f = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (f < 0 || f > 100)
        return throw_range_error(vm, "toFixed() digits argument must be between 0 and 100");
    if (!std::isfinite(x) || std::fabs(x) >= 1e21) {
        String* s = TRY(ToString(vm, Value::from_number(x)));
        return Value::from_cell(s);
    }
    int digits = static_cast<int>(f);
    bool negative = x < 0;
    char buffer[1200];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits + 40, std::fabs(x));
    std::string text = round_decimal(buffer, digits);
    bool all_zero = text.find_first_not_of("0.") == std::string::npos;
    if (negative && !all_zero)
        text = "-" + text;
    String* s = TRY(new_string(vm, text));
    return Value::from_cell(s);
}

// Number.prototype.toPrecision ( precision )
// spec: https://tc39.es/ecma262/#sec-number.prototype.toprecision
static ThrowOr<Value> number_prototype_to_precision(Vm& vm, CallArgs const& args)
{
    double x = TRY(this_number_value(vm, args.this_value(), "toPrecision"));
    if (args.arg(0).is_undefined()) {
        String* s = TRY(ToString(vm, Value::from_number(x)));
        return Value::from_cell(s);
    }
    double p = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (!std::isfinite(x)) {
        String* s = TRY(ToString(vm, Value::from_number(x)));
        return Value::from_cell(s);
    }
    if (p < 1 || p > 100)
        return throw_range_error(vm, "toPrecision() argument must be between 1 and 100");
    int precision = static_cast<int>(p);
    std::string sign = x < 0 ? "-" : "";
    double ax = std::fabs(x);
    if (ax == 0) {
        std::string text = sign.empty() ? "0" : "0";
        if (precision > 1)
            text += "." + std::string(precision - 1, '0');
        String* s = TRY(new_string(vm, text));
        return Value::from_cell(s);
    }
    char buffer[1200];
    std::snprintf(buffer, sizeof buffer, "%.*e", precision - 1, ax);
    std::string mantissa(buffer, std::strchr(buffer, 'e'));
    int e = std::atoi(std::strchr(buffer, 'e') + 1);
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    std::string text;
    if (e < -6 || e >= precision) {
        text = digits.substr(0, 1);
        if (precision > 1)
            text += "." + digits.substr(1);
        text += std::string("e") + (e >= 0 ? "+" : "-") + std::to_string(std::abs(e));
    } else if (e >= 0) {
        text = digits.substr(0, e + 1);
        if (precision > e + 1)
            text += "." + digits.substr(e + 1);
    } else {
        text = "0." + std::string(-e - 1, '0') + digits;
    }
    String* s = TRY(new_string(vm, sign + text));
    return Value::from_cell(s);
}

static ThrowOr<Value> number_prototype_to_locale_string(Vm& vm, CallArgs const& args)
{
    return number_prototype_to_string(vm, CallArgs(args.callee(), args.this_value(), nullptr, 0));
}

// parseFloat ( string )
// spec: https://tc39.es/ecma262/#sec-parsefloat-string
static ThrowOr<Value> global_parse_float(Vm& vm, CallArgs const& args)
{
    String* s = TRY(ToString(vm, args.arg(0)));
    std::u16string units = s->to_utf16();
    usize i = 0;
    while (i < units.size() && is_str_white_space_char(units[i]))
        ++i;
    std::string text;
    usize j = i;
    if (j < units.size() && (units[j] == '+' || units[j] == '-'))
        text += static_cast<char>(units[j++]);
    if (units.compare(j, 8, u"Infinity") == 0) {
        text += "Infinity";
        return Value::from_number(string_to_number_ascii(text));
    }
    bool digits = false, point = false, exponent = false;
    for (; j < units.size(); ++j) {
        char16_t c = units[j];
        if (c >= '0' && c <= '9') {
            digits = true;
            text += static_cast<char>(c);
        } else if (c == '.' && !point && !exponent) {
            point = true;
            text += '.';
        } else if ((c == 'e' || c == 'E') && digits && !exponent) {
            // Only an exponent with digits counts.
            usize k = j + 1;
            if (k < units.size() && (units[k] == '+' || units[k] == '-'))
                ++k;
            if (k >= units.size() || units[k] < '0' || units[k] > '9')
                break;
            exponent = true;
            text += 'e';
            if (units[j + 1] == '+' || units[j + 1] == '-')
                text += static_cast<char>(units[++j]);
        } else {
            break;
        }
    }
    if (!digits)
        return Value::from_double(std::nan(""));
    if (!text.empty() && text.back() == '.')
        text.pop_back();
    if (text == "-" || text == "+")
        return Value::from_double(std::nan(""));
    return Value::from_number(string_to_number_ascii(text));
}

// parseInt ( string, radix )
// spec: https://tc39.es/ecma262/#sec-parseint-string-radix
static ThrowOr<Value> global_parse_int(Vm& vm, CallArgs const& args)
{
    String* s = TRY(ToString(vm, args.arg(0)));
    i32 radix = TRY(ToInt32(vm, args.arg(1)));
    std::u16string units = s->to_utf16();
    usize i = 0;
    while (i < units.size() && is_str_white_space_char(units[i]))
        ++i;
    double sign = 1;
    if (i < units.size() && (units[i] == '+' || units[i] == '-')) {
        if (units[i] == '-')
            sign = -1;
        ++i;
    }
    bool strip_prefix = true;
    if (radix != 0) {
        if (radix < 2 || radix > 36)
            return Value::from_double(std::nan(""));
        if (radix != 16)
            strip_prefix = false;
    } else {
        radix = 10;
    }
    if (strip_prefix && i + 1 < units.size() && units[i] == '0' && (units[i + 1] == 'x' || units[i + 1] == 'X')) {
        i += 2;
        radix = 16;
    }
    double value = 0;
    usize start = i;
    std::string decimal;
    for (; i < units.size(); ++i) {
        char16_t c = units[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'z' ? c - 'a' + 10 : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
        if (d >= radix)
            break;
        value = value * radix + d;
        decimal += static_cast<char>(c);
    }
    if (i == start)
        return Value::from_double(std::nan(""));
    if (radix == 10 && decimal.size() > 15)
        value = string_to_number_ascii(decimal);
    return Value::from_number(sign * value);
}

static ThrowOr<Value> global_is_nan(Vm& vm, CallArgs const& args)
{
    double d = TRY(ToNumber(vm, args.arg(0)));
    return Value::boolean(std::isnan(d));
}

static ThrowOr<Value> global_is_finite(Vm& vm, CallArgs const& args)
{
    double d = TRY(ToNumber(vm, args.arg(0)));
    return Value::boolean(std::isfinite(d));
}

// --- Boolean ----------------------------------------------------------------------------------------

static ThrowOr<Value> boolean_constructor(Vm& vm, CallArgs const& args)
{
    return wrap_if_constructing(vm, args, Value::boolean(ToBoolean(args.arg(0))), vm.realm()->boolean_prototype);
}

static ThrowOr<Value> boolean_prototype_value_of(Vm& vm, CallArgs const& args)
{
    Value p = wrapped_primitive(args.this_value());
    if (!p.is_boolean())
        return throw_type_error(vm, "Boolean.prototype.valueOf requires that 'this' be a Boolean");
    return p;
}

static ThrowOr<Value> boolean_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Value p = wrapped_primitive(args.this_value());
    if (!p.is_boolean())
        return throw_type_error(vm, "Boolean.prototype.toString requires that 'this' be a Boolean");
    return Value::from_cell(p.as_bool() ? common_names(vm).true_ : common_names(vm).false_);
}

constexpr NativeMethod kNumberMethods[] = {
    { "isFinite", 1, number_is_finite },
    { "isInteger", 1, number_is_integer },
    { "isNaN", 1, number_is_nan },
    { "isSafeInteger", 1, number_is_safe_integer },
};

constexpr NativeMethod kNumberPrototypeMethods[] = {
    { "toFixed", 1, number_prototype_to_fixed },
    { "toLocaleString", 0, number_prototype_to_locale_string },
    { "toPrecision", 1, number_prototype_to_precision },
    { "toString", 1, number_prototype_to_string },
    { "valueOf", 0, number_prototype_value_of },
};

constexpr NativeMethod kNumberGlobals[] = {
    { "isFinite", 1, global_is_finite },
    { "isNaN", 1, global_is_nan },
    { "parseFloat", 1, global_parse_float },
    { "parseInt", 2, global_parse_int },
};

constexpr NativeMethod kBooleanPrototypeMethods[] = {
    { "toString", 0, boolean_prototype_to_string },
    { "valueOf", 0, boolean_prototype_value_of },
};

ThrowOr<void> install_number(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "Number", 1, number_constructor, realm.number_prototype));
    TRY(install_methods(vm, ctor, kNumberMethods));
    TRY(install_methods(vm, realm.number_prototype, kNumberPrototypeMethods));
    TRY(install_methods(vm, realm.global_object, kNumberGlobals));
    auto constant = PropertyAttributes::data(false, false, false);
    TRY(define_value(vm, ctor, "MAX_SAFE_INTEGER", Value::from_number(9007199254740991.0), constant));
    TRY(define_value(vm, ctor, "MIN_SAFE_INTEGER", Value::from_number(-9007199254740991.0), constant));
    TRY(define_value(vm, ctor, "MAX_VALUE", Value::from_number(1.7976931348623157e308), constant));
    TRY(define_value(vm, ctor, "MIN_VALUE", Value::from_number(5e-324), constant));
    TRY(define_value(vm, ctor, "EPSILON", Value::from_number(2.220446049250313e-16), constant));
    TRY(define_value(vm, ctor, "POSITIVE_INFINITY", Value::from_number(INFINITY), constant));
    TRY(define_value(vm, ctor, "NEGATIVE_INFINITY", Value::from_number(-INFINITY), constant));
    TRY(define_value(vm, ctor, "NaN", Value::from_double(std::nan("")), constant));
    for (char const* name : { "parseFloat", "parseInt" }) {
        Value f = TRY(Get(vm, realm.global_object, TRY(key_for(vm, name))));
        TRY(define_value(vm, ctor, name, f));
    }
    return {};
}

ThrowOr<void> install_boolean(Vm& vm)
{
    Realm& realm = *vm.realm();
    TRY(install_constructor(vm, "Boolean", 1, boolean_constructor, realm.boolean_prototype));
    TRY(install_methods(vm, realm.boolean_prototype, kBooleanPrototypeMethods));
    return {};
}

} // namespace weft
