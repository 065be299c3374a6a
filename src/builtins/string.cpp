// The String constructor and String.prototype (no RegExp yet: patterns are strings).
// spec: https://tc39.es/ecma262/#sec-string-objects
#include "builtins/builtins.h"

#include "base/number_format.h"
#include "base/utf8.h"
#include "builtins/iterator.h"

#include <algorithm>
#include <cmath>

namespace weft {

static Value primitive_of(Value v)
{
    if (v.is_cell_of_kind(CellKind::PrimitiveWrapper))
        return *reinterpret_cast<Value*>(reinterpret_cast<char*>(v.as_cell()) + EngineObject::kFieldsOffset);
    return v;
}

// The this value as a String (RequireObjectCoercible + ToString).
static ThrowOr<String*> this_string(Vm& vm, CallArgs const& args, char const* method)
{
    Value t = args.this_value();
    if (t.is_nullish())
        return throw_type_error(vm, "String.prototype.%s called on null or undefined", method);
    return ToString(vm, t);
}

static ThrowOr<Value> make_string(Vm& vm, std::u16string_view units)
{
    String* s = TRY(new_string_utf16(vm, units));
    return Value::from_cell(s);
}

// String ( value )
// spec: https://tc39.es/ecma262/#sec-string-constructor-string-value
static ThrowOr<Value> string_constructor(Vm& vm, CallArgs const& args)
{
    String* s;
    if (args.count() == 0) {
        s = common_names(vm).empty;
    } else if (!args.is_construct() && is_symbol(args.arg(0))) {
        String* d = static_cast<Symbol*>(args.arg(0).as_cell())->description();
        s = TRY(new_string(vm, "Symbol(" + (d ? to_utf8(d) : std::string()) + ")"));
    } else {
        s = TRY(ToString(vm, args.arg(0)));
    }
    if (!args.is_construct())
        return Value::from_cell(s);
    Object* o = TRY(ToObject(vm, Value::from_cell(s)));
    Object* proto = TRY(GetPrototypeFromConstructor(vm, args.new_target(), vm.realm()->string_prototype));
    if (proto != vm.realm()->string_prototype && o->set_prototype_of(vm, proto) == Outcome::OutOfMemory)
        return throw_out_of_memory(vm);
    return Value::from_cell(o);
}

static ThrowOr<Value> string_from_char_code(Vm& vm, CallArgs const& args)
{
    std::u16string units;
    for (u32 i = 0; i < args.count(); ++i) {
        double d = TRY(ToNumber(vm, args.arg(i)));
        units.push_back(static_cast<char16_t>(weft::ToUint16(d)));
    }
    return make_string(vm, units);
}

static ThrowOr<Value> string_from_code_point(Vm& vm, CallArgs const& args)
{
    std::u16string units;
    for (u32 i = 0; i < args.count(); ++i) {
        double d = TRY(ToNumber(vm, args.arg(i)));
        if (d != std::floor(d) || d < 0 || d > 0x10ffff)
            return throw_range_error(vm, "Invalid code point %s", describe_for_error(vm, args.arg(i)).c_str());
        u32 cp = static_cast<u32>(d);
        if (cp > 0xffff) {
            cp -= 0x10000;
            units.push_back(static_cast<char16_t>(0xd800 + (cp >> 10)));
            units.push_back(static_cast<char16_t>(0xdc00 + (cp & 0x3ff)));
        } else {
            units.push_back(static_cast<char16_t>(cp));
        }
    }
    return make_string(vm, units);
}

static ThrowOr<Value> string_raw(Vm& vm, CallArgs const& args)
{
    Object* cooked = TRY(ToObject(vm, args.arg(0)));
    Value raw_value = TRY(Get(vm, cooked, PropertyKey::from_atom(common_names(vm).raw)));
    Object* raw = TRY(ToObject(vm, raw_value));
    u64 len = TRY(LengthOfArrayLike(vm, raw));
    std::u16string out;
    for (u64 i = 0; i < len; ++i) {
        Value piece = TRY(Get(vm, raw, PropertyKey::from_index(static_cast<u32>(i))));
        out += TRY(ToString(vm, piece))->to_utf16();
        if (i + 1 < len && i + 1 < args.count())
            out += TRY(ToString(vm, args.arg(static_cast<u32>(i + 1))))->to_utf16();
    }
    return make_string(vm, out);
}

static ThrowOr<Value> string_prototype_to_string(Vm& vm, CallArgs const& args)
{
    Value v = primitive_of(args.this_value());
    if (!is_string(v))
        return throw_type_error(vm, "String.prototype.toString requires that 'this' be a String");
    return v;
}

static ThrowOr<Value> string_prototype_char_at(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "charAt"));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (pos < 0 || pos >= s->length())
        return Value::from_cell(common_names(vm).empty);
    String* c = string_from_code_unit(vm, s->char_at(static_cast<u32>(pos)));
    if (!c)
        return throw_out_of_memory(vm);
    return Value::from_cell(c);
}

static ThrowOr<Value> string_prototype_char_code_at(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "charCodeAt"));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (pos < 0 || pos >= s->length())
        return Value::from_double(std::nan(""));
    return Value::from_i32(s->char_at(static_cast<u32>(pos)));
}

static ThrowOr<Value> string_prototype_code_point_at(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "codePointAt"));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (pos < 0 || pos >= s->length())
        return Value::undefined();
    u32 i = static_cast<u32>(pos);
    char16_t first = s->char_at(i);
    if (first >= 0xd800 && first <= 0xdbff && i + 1 < s->length()) {
        char16_t second = s->char_at(i + 1);
        if (second >= 0xdc00 && second <= 0xdfff)
            return Value::from_i32(static_cast<i32>(combine_surrogates(first, second)));
    }
    return Value::from_i32(first);
}

static ThrowOr<Value> string_prototype_at(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "at"));
    double rel = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double k = rel >= 0 ? rel : s->length() + rel;
    if (k < 0 || k >= s->length())
        return Value::undefined();
    String* c = string_from_code_unit(vm, s->char_at(static_cast<u32>(k)));
    if (!c)
        return throw_out_of_memory(vm);
    return Value::from_cell(c);
}

static std::u16string::size_type find_units(std::u16string const& haystack, std::u16string const& needle, usize from)
{
    return haystack.find(needle, from);
}

static ThrowOr<Value> string_prototype_index_of(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "indexOf"));
    String* search = TRY(ToString(vm, args.arg(0)));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    usize start = static_cast<usize>(std::clamp(pos, 0.0, double(s->length())));
    auto r = find_units(s->to_utf16(), search->to_utf16(), start);
    return Value::from_number(r == std::u16string::npos ? -1.0 : double(r));
}

static ThrowOr<Value> string_prototype_last_index_of(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "lastIndexOf"));
    String* search = TRY(ToString(vm, args.arg(0)));
    double num = TRY(ToNumber(vm, args.arg(1)));
    usize start = std::isnan(num) ? std::u16string::npos : static_cast<usize>(std::clamp(std::trunc(num), 0.0, double(s->length())));
    auto r = s->to_utf16().rfind(search->to_utf16(), start);
    return Value::from_number(r == std::u16string::npos ? -1.0 : double(r));
}

static ThrowOr<Value> string_prototype_includes(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "includes"));
    if (args.arg(0).is_cell_of_kind(CellKind::RegExpObject))
        return throw_type_error(vm, "First argument to String.prototype.includes must not be a regular expression");
    String* search = TRY(ToString(vm, args.arg(0)));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    usize start = static_cast<usize>(std::clamp(pos, 0.0, double(s->length())));
    return Value::boolean(find_units(s->to_utf16(), search->to_utf16(), start) != std::u16string::npos);
}

static ThrowOr<Value> string_prototype_starts_with(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "startsWith"));
    String* search = TRY(ToString(vm, args.arg(0)));
    double pos = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    usize start = static_cast<usize>(std::clamp(pos, 0.0, double(s->length())));
    std::u16string text = s->to_utf16();
    std::u16string needle = search->to_utf16();
    return Value::boolean(start + needle.size() <= text.size() && text.compare(start, needle.size(), needle) == 0);
}

static ThrowOr<Value> string_prototype_ends_with(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "endsWith"));
    String* search = TRY(ToString(vm, args.arg(0)));
    usize end = s->length();
    if (!args.arg(1).is_undefined()) {
        double pos = TRY(ToIntegerOrInfinity(vm, args.arg(1)));
        end = static_cast<usize>(std::clamp(pos, 0.0, double(s->length())));
    }
    std::u16string text = s->to_utf16();
    std::u16string needle = search->to_utf16();
    return Value::boolean(needle.size() <= end && text.compare(end - needle.size(), needle.size(), needle) == 0);
}

static ThrowOr<Value> substring_value(Vm& vm, String* s, u32 start, u32 end)
{
    String* r = string_substring(vm, s, start, end);
    if (!r)
        return throw_out_of_memory(vm);
    return Value::from_cell(r);
}

static ThrowOr<Value> string_prototype_slice(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "slice"));
    double len = s->length();
    double start = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double end = args.arg(1).is_undefined() ? len : TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    start = start < 0 ? std::max(len + start, 0.0) : std::min(start, len);
    end = end < 0 ? std::max(len + end, 0.0) : std::min(end, len);
    if (start >= end)
        return Value::from_cell(common_names(vm).empty);
    return substring_value(vm, s, static_cast<u32>(start), static_cast<u32>(end));
}

static ThrowOr<Value> string_prototype_substring(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "substring"));
    double len = s->length();
    double start = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    double end = args.arg(1).is_undefined() ? len : TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    start = std::clamp(start, 0.0, len);
    end = std::clamp(end, 0.0, len);
    if (start > end)
        std::swap(start, end);
    return substring_value(vm, s, static_cast<u32>(start), static_cast<u32>(end));
}

static ThrowOr<Value> string_prototype_substr(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "substr"));
    double len = s->length();
    double start = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (start < 0)
        start = std::max(len + start, 0.0);
    start = std::min(start, len);
    double count = args.arg(1).is_undefined() ? len - start : TRY(ToIntegerOrInfinity(vm, args.arg(1)));
    double end = std::min(start + std::max(count, 0.0), len);
    if (start >= end)
        return Value::from_cell(common_names(vm).empty);
    return substring_value(vm, s, static_cast<u32>(start), static_cast<u32>(end));
}

static char16_t to_upper_unit(char16_t c)
{
    if (c >= 'a' && c <= 'z')
        return c - 32;
    if ((c >= 0xe0 && c <= 0xfe && c != 0xf7))
        return c - 32;
    if (c >= 0x3b1 && c <= 0x3c9 && c != 0x3c2)
        return c - 32;
    if (c >= 0x430 && c <= 0x44f)
        return c - 32;
    return c;
}

static char16_t to_lower_unit(char16_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c + 32;
    if ((c >= 0xc0 && c <= 0xde && c != 0xd7))
        return c + 32;
    if (c >= 0x391 && c <= 0x3a9 && c != 0x3a2)
        return c + 32;
    if (c >= 0x410 && c <= 0x42f)
        return c + 32;
    return c;
}

static ThrowOr<Value> string_prototype_to_upper_case(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "toUpperCase"));
    std::u16string units = s->to_utf16();
    std::u16string out;
    out.reserve(units.size());
    for (char16_t c : units) {
        if (c == 0xdf) { // ß -> SS
            out += u"SS";
            continue;
        }
        out.push_back(to_upper_unit(c));
    }
    return make_string(vm, out);
}

static ThrowOr<Value> string_prototype_to_lower_case(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "toLowerCase"));
    std::u16string units = s->to_utf16();
    for (char16_t& c : units)
        c = to_lower_unit(c);
    return make_string(vm, units);
}

static bool is_trim_space(char16_t c) { return is_str_white_space_char(c); }

static ThrowOr<Value> trim(Vm& vm, CallArgs const& args, bool start, bool end, char const* name)
{
    String* s = TRY(this_string(vm, args, name));
    u32 a = 0, b = s->length();
    if (start)
        while (a < b && is_trim_space(s->char_at(a)))
            ++a;
    if (end)
        while (b > a && is_trim_space(s->char_at(b - 1)))
            --b;
    return substring_value(vm, s, a, b);
}
static ThrowOr<Value> string_prototype_trim(Vm& vm, CallArgs const& args) { return trim(vm, args, true, true, "trim"); }
static ThrowOr<Value> string_prototype_trim_start(Vm& vm, CallArgs const& args) { return trim(vm, args, true, false, "trimStart"); }
static ThrowOr<Value> string_prototype_trim_end(Vm& vm, CallArgs const& args) { return trim(vm, args, false, true, "trimEnd"); }

static ThrowOr<Value> string_prototype_repeat(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "repeat"));
    double n = TRY(ToIntegerOrInfinity(vm, args.arg(0)));
    if (n < 0 || std::isinf(n))
        return throw_range_error(vm, "Invalid count value: %s", describe_for_error(vm, args.arg(0)).c_str());
    if (n == 0 || s->is_empty())
        return Value::from_cell(common_names(vm).empty);
    if (double(s->length()) * n > String::kMaxLength)
        return throw_range_error(vm, "Invalid string length");
    std::u16string unit = s->to_utf16();
    std::u16string out;
    out.reserve(unit.size() * static_cast<usize>(n));
    for (u64 i = 0; i < static_cast<u64>(n); ++i)
        out += unit;
    return make_string(vm, out);
}

static ThrowOr<Value> pad(Vm& vm, CallArgs const& args, bool at_start, char const* name)
{
    String* s = TRY(this_string(vm, args, name));
    double max_length = TRY(ToLength(vm, args.arg(0)));
    if (max_length <= s->length())
        return Value::from_cell(s);
    std::u16string filler = u" ";
    if (!args.arg(1).is_undefined())
        filler = TRY(ToString(vm, args.arg(1)))->to_utf16();
    if (filler.empty())
        return Value::from_cell(s);
    if (max_length > String::kMaxLength)
        return throw_range_error(vm, "Invalid string length");
    usize fill_len = static_cast<usize>(max_length) - s->length();
    std::u16string fill;
    while (fill.size() < fill_len)
        fill += filler;
    fill.resize(fill_len);
    std::u16string text = s->to_utf16();
    return make_string(vm, at_start ? fill + text : text + fill);
}
static ThrowOr<Value> string_prototype_pad_start(Vm& vm, CallArgs const& args) { return pad(vm, args, true, "padStart"); }
static ThrowOr<Value> string_prototype_pad_end(Vm& vm, CallArgs const& args) { return pad(vm, args, false, "padEnd"); }

static ThrowOr<Value> string_prototype_concat(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "concat"));
    for (u32 i = 0; i < args.count(); ++i) {
        String* next = TRY(ToString(vm, args.arg(i)));
        s = TRY(concat_strings(vm, s, next));
    }
    return Value::from_cell(s);
}

// String.prototype.split ( separator, limit ) with a string separator.
static ThrowOr<Value> string_prototype_split(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "split"));
    ArrayObject* a = TRY(new_array(vm));
    u32 limit = args.arg(1).is_undefined() ? 0xffffffffu : TRY(ToUint32(vm, args.arg(1)));
    if (limit == 0)
        return Value::from_cell(a);
    if (args.arg(0).is_undefined()) {
        if (a->push(vm, Value::from_cell(s)) != Outcome::True)
            return throw_out_of_memory(vm);
        return Value::from_cell(a);
    }
    String* separator = TRY(ToString(vm, args.arg(0)));
    std::u16string text = s->to_utf16();
    std::u16string sep = separator->to_utf16();
    auto push = [&](std::u16string_view piece) -> ThrowOr<bool> {
        String* p = TRY(new_string_utf16(vm, piece));
        if (a->push(vm, Value::from_cell(p)) != Outcome::True)
            return throw_out_of_memory(vm);
        return a->length_acquire() < limit;
    };
    if (sep.empty()) {
        for (usize i = 0; i < text.size(); ++i) {
            bool more = TRY(push(std::u16string_view(text).substr(i, 1)));
            if (!more)
                break;
        }
        return Value::from_cell(a);
    }
    usize start = 0;
    for (;;) {
        usize found = text.find(sep, start);
        if (found == std::u16string::npos) {
            TRY(push(std::u16string_view(text).substr(start)));
            break;
        }
        bool more = TRY(push(std::u16string_view(text).substr(start, found - start)));
        if (!more)
            break;
        start = found + sep.size();
    }
    return Value::from_cell(a);
}

// GetSubstitution for string patterns: $$, $&, $`, $'.
static std::u16string substitution(std::u16string const& replacement, std::u16string const& matched, std::u16string const& text, usize position)
{
    std::u16string out;
    for (usize i = 0; i < replacement.size(); ++i) {
        char16_t c = replacement[i];
        if (c == '$' && i + 1 < replacement.size()) {
            char16_t n = replacement[i + 1];
            if (n == '$') {
                out += u'$';
                ++i;
                continue;
            }
            if (n == '&') {
                out += matched;
                ++i;
                continue;
            }
            if (n == '`') {
                out += text.substr(0, position);
                ++i;
                continue;
            }
            if (n == '\'') {
                usize end = position + matched.size();
                if (end < text.size())
                    out += text.substr(end);
                ++i;
                continue;
            }
        }
        out += c;
    }
    return out;
}

static ThrowOr<Value> replace(Vm& vm, CallArgs const& args, bool all, char const* name)
{
    String* s = TRY(this_string(vm, args, name));
    if (args.arg(0).is_cell_of_kind(CellKind::RegExpObject))
        return throw_type_error(vm, "String.prototype.%s with a RegExp is not supported yet", name);
    String* search = TRY(ToString(vm, args.arg(0)));
    Value replace_value = args.arg(1);
    bool functional = is_callable(replace_value);
    std::u16string replacement_template;
    if (!functional)
        replacement_template = TRY(ToString(vm, replace_value))->to_utf16();
    std::u16string text = s->to_utf16();
    std::u16string needle = search->to_utf16();
    std::vector<usize> positions;
    usize advance = std::max<usize>(needle.size(), 1);
    usize pos = text.find(needle, 0);
    while (pos != std::u16string::npos) {
        positions.push_back(pos);
        if (!all)
            break;
        pos = text.find(needle, pos + advance);
    }
    if (positions.empty())
        return Value::from_cell(s);
    std::u16string out;
    usize end_of_last = 0;
    for (usize p : positions) {
        out += text.substr(end_of_last, p - end_of_last);
        if (functional) {
            Value call_args[3] = { Value::from_cell(search), Value::from_number(double(p)), Value::from_cell(s) };
            Value r = TRY(Call(vm, replace_value, Value::undefined(), call_args));
            out += TRY(ToString(vm, r))->to_utf16();
        } else {
            out += substitution(replacement_template, needle, text, p);
        }
        end_of_last = p + needle.size();
    }
    out += text.substr(std::min(end_of_last, text.size()));
    return make_string(vm, out);
}
static ThrowOr<Value> string_prototype_replace(Vm& vm, CallArgs const& args) { return replace(vm, args, false, "replace"); }
static ThrowOr<Value> string_prototype_replace_all(Vm& vm, CallArgs const& args) { return replace(vm, args, true, "replaceAll"); }

static ThrowOr<Value> string_prototype_locale_compare(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "localeCompare"));
    String* other = TRY(ToString(vm, args.arg(0)));
    int c = string_compare(s, other);
    return Value::from_i32(c < 0 ? -1 : c > 0 ? 1 : 0);
}

static ThrowOr<Value> string_prototype_iterator(Vm& vm, CallArgs const& args)
{
    String* s = TRY(this_string(vm, args, "[Symbol.iterator]"));
    InternalIterator* it = InternalIterator::try_create(vm, vm.realm()->string_iterator_prototype, Value::from_cell(s), InternalIterator::String, InternalIterator::Values);
    if (!it)
        return throw_out_of_memory(vm);
    return Value::from_cell(it);
}

constexpr NativeMethod kStringMethods[] = {
    { "fromCharCode", 1, string_from_char_code },
    { "fromCodePoint", 1, string_from_code_point },
    { "raw", 1, string_raw },
};

constexpr NativeMethod kStringPrototypeMethods[] = {
    { "at", 1, string_prototype_at },
    { "charAt", 1, string_prototype_char_at },
    { "charCodeAt", 1, string_prototype_char_code_at },
    { "codePointAt", 1, string_prototype_code_point_at },
    { "concat", 1, string_prototype_concat },
    { "endsWith", 1, string_prototype_ends_with },
    { "includes", 1, string_prototype_includes },
    { "indexOf", 1, string_prototype_index_of },
    { "lastIndexOf", 1, string_prototype_last_index_of },
    { "localeCompare", 1, string_prototype_locale_compare },
    { "padEnd", 1, string_prototype_pad_end },
    { "padStart", 1, string_prototype_pad_start },
    { "repeat", 1, string_prototype_repeat },
    { "replace", 2, string_prototype_replace },
    { "replaceAll", 2, string_prototype_replace_all },
    { "slice", 2, string_prototype_slice },
    { "split", 2, string_prototype_split },
    { "startsWith", 1, string_prototype_starts_with },
    { "substr", 2, string_prototype_substr },
    { "substring", 2, string_prototype_substring },
    { "toLowerCase", 0, string_prototype_to_lower_case },
    { "toString", 0, string_prototype_to_string },
    { "toUpperCase", 0, string_prototype_to_upper_case },
    { "trim", 0, string_prototype_trim },
    { "trimEnd", 0, string_prototype_trim_end },
    { "trimStart", 0, string_prototype_trim_start },
    { "valueOf", 0, string_prototype_to_string },
    { "@@iterator", 0, string_prototype_iterator },
};

ThrowOr<void> install_string(Vm& vm)
{
    Realm& realm = *vm.realm();
    NativeFunction* ctor = TRY(install_constructor(vm, "String", 1, string_constructor, realm.string_prototype));
    TRY(install_methods(vm, ctor, kStringMethods));
    TRY(install_methods(vm, realm.string_prototype, kStringPrototypeMethods));
    return {};
}

} // namespace weft
