// Node-compatible formatting of values for console.log (util.inspect with its default options:
// depth 2, breakLength 80, compact 3, maxArrayLength 100), so that programs print what Node prints.
#include "builtins/builtins.h"

#include "base/number_format.h"
#include "builtins/map_set.h"
#include "builtins/promise.h"
#include "builtins/typed_array.h"
#include "compiler/compilation_unit.h"
#include "interpreter/code.h"
#include "interpreter/coroutine.h"
#include "objects/accessor.h"

#include <cmath>
#include <unordered_map>

namespace weft {

namespace {

constexpr int kDepth = 2;
constexpr usize kBreakLength = 80;
constexpr int kCompact = 3;
constexpr u32 kMaxArrayLength = 100;

enum class Extras { Object, Array };

struct Context {
    Vm& vm;
    std::vector<Object*> seen;
    std::unordered_map<Object*, u32> circular;
    int indentation = 0;
    int current_depth = 0;
    RootedValues keep;
    explicit Context(Vm& v) : vm(v), keep(v) { }
};

std::string quote_string(std::string_view s)
{
    char quote = '\'';
    if (s.find('\'') != std::string_view::npos) {
        if (s.find('"') == std::string_view::npos)
            quote = '"';
        else if (s.find('`') == std::string_view::npos && s.find("${") == std::string_view::npos)
            quote = '`';
    }
    std::string out(1, quote);
    for (unsigned char c : s) {
        switch (c) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\v': out += "\\v"; break;
        case '\\': out += "\\\\"; break;
        default:
            if (c == static_cast<unsigned char>(quote)) {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c < 0x20 || c == 0x7f) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
                out += buffer;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += quote;
    return out;
}

bool is_identifier_key(std::string_view s)
{
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_'))
        return false;
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_'))
            return false;
    return true;
}

std::string number_text(double d)
{
    if (d == 0 && std::signbit(d))
        return "-0";
    char buffer[kMaxNumberChars];
    return std::string(buffer, number_to_chars(d, buffer));
}

std::string symbol_text(Symbol* s)
{
    String* d = s->description();
    return "Symbol(" + (d ? d->to_utf8() : std::string()) + ")";
}

// A property read that never lets an exception escape (inspection must not throw).
Value safe_get(Vm& vm, Object* o, PropertyKey key)
{
    auto own = o->get_own_property_raw(vm, key);
    if (own && own->attributes.is_data())
        return own->value;
    for (Object* p = o->get_prototype_of(); !own && p; p = p->get_prototype_of()) {
        own = p->get_own_property_raw(vm, key);
        if (own && own->attributes.is_data())
            return own->value;
    }
    return Value::undefined();
}

// The name of the nearest constructor on the prototype chain, or empty for a null prototype.
std::optional<std::string> constructor_name(Vm& vm, Object* o)
{
    PropertyKey constructor = PropertyKey::from_atom(common_names(vm).constructor);
    PropertyKey name = PropertyKey::from_atom(common_names(vm).name);
    for (Object* p = o; p; p = p->get_prototype_of()) {
        auto own = p->get_own_property_raw(vm, constructor);
        if (own && own->attributes.is_data() && is_callable(own->value)) {
            Value n = safe_get(vm, as_object(own->value), name);
            if (is_string(n) && !static_cast<String*>(n.as_cell())->is_empty())
                return static_cast<String*>(n.as_cell())->to_utf8();
        }
    }
    if (!o->get_prototype_of())
        return std::nullopt;
    return std::string("Object");
}

std::string prefix_for(std::optional<std::string> const& constructor, std::string const& fallback, std::string const& size = "")
{
    if (!constructor)
        return "[" + fallback + size + ": null prototype] ";
    return *constructor + size + " ";
}

std::string format_value(Context&, Value, int recurse_times, bool nested);

bool below_break_length(Context& ctx, std::vector<std::string> const& output, usize start, std::string const& base)
{
    usize total = output.size() + start;
    if (total + output.size() > kBreakLength)
        return false;
    for (auto const& s : output) {
        total += s.size();
        if (total > kBreakLength)
            return false;
    }
    return base.empty() || base.find('\n') == std::string::npos;
}

std::vector<std::string> group_array_elements(Context& ctx, std::vector<std::string> const& output, Value value, bool has_more)
{
    usize total = 0;
    usize max_length = 0;
    usize output_length = output.size() - (has_more ? 1 : 0);
    constexpr usize separator = 2;
    std::vector<usize> data_len(output_length);
    for (usize i = 0; i < output_length; ++i) {
        usize len = output[i].size();
        data_len[i] = len;
        total += len + separator;
        max_length = std::max(max_length, len);
    }
    usize actual_max = max_length + separator;
    if (actual_max * 3 + ctx.indentation < kBreakLength && (double(total) / double(actual_max) > 5 || max_length <= 6)) {
        double approx_char_heights = 2.5;
        double average_bias = std::sqrt(double(actual_max) - double(total) / double(output.size()));
        double biased_max = std::max(double(actual_max) - 3 - average_bias, 1.0);
        usize columns = std::min<usize>({ static_cast<usize>(std::round(std::sqrt(approx_char_heights * biased_max * double(output_length)) / biased_max)),
            (kBreakLength - ctx.indentation) / actual_max, static_cast<usize>(kCompact * 4), 15 });
        if (columns <= 1)
            return output;
        std::vector<usize> max_line_length;
        for (usize i = 0; i < columns; ++i) {
            usize line_length = 0;
            for (usize j = i; j < output.size(); j += columns)
                if (j < output_length && data_len[j] > line_length)
                    line_length = data_len[j];
            max_line_length.push_back(line_length + separator);
        }
        bool pad_start = true;
        if (is_object(value)) {
            Object* o = as_object(value);
            for (usize i = 0; i < output_length; ++i) {
                Value v = safe_get(ctx.vm, o, PropertyKey::from_index(static_cast<u32>(i)));
                if (!v.is_number()) {
                    pad_start = false;
                    break;
                }
            }
        }
        std::vector<std::string> grouped;
        for (usize i = 0; i < output_length; i += columns) {
            usize max = std::min(i + columns, output_length);
            std::string line;
            usize j = i;
            for (; j < max - 1; ++j) {
                std::string cell = output[j] + ", ";
                usize width = max_line_length[j - i];
                if (cell.size() < width)
                    cell = pad_start ? std::string(width - cell.size(), ' ') + cell : cell + std::string(width - cell.size(), ' ');
                line += cell;
            }
            if (pad_start) {
                usize width = max_line_length[j - i] - separator;
                std::string cell = output[j];
                if (cell.size() < width)
                    cell = std::string(width - cell.size(), ' ') + cell;
                line += cell;
            } else {
                line += output[j];
            }
            grouped.push_back(line);
        }
        if (has_more)
            grouped.push_back(output.back());
        return grouped;
    }
    return output;
}

std::string reduce_to_single_string(Context& ctx, std::vector<std::string> output, std::string const& base, std::string const& open,
    std::string const& close, Extras extras, int recurse_times, Value value, bool has_more)
{
    usize entries = output.size();
    if (extras == Extras::Array && entries > 6)
        output = group_array_elements(ctx, output, value, has_more);
    if (ctx.current_depth - recurse_times < kCompact && entries == output.size()) {
        usize start = output.size() + ctx.indentation + open.size() + base.size() + 10;
        if (below_break_length(ctx, output, start, base)) {
            std::string joined;
            for (usize i = 0; i < output.size(); ++i) {
                if (i)
                    joined += ", ";
                joined += output[i];
            }
            if (joined.find('\n') == std::string::npos)
                return (base.empty() ? "" : base + " ") + open + " " + joined + " " + close;
        }
    }
    std::string indentation = "\n" + std::string(ctx.indentation, ' ');
    std::string out = (base.empty() ? "" : base + " ") + open + indentation + "  ";
    for (usize i = 0; i < output.size(); ++i) {
        if (i)
            out += "," + indentation + "  ";
        out += output[i];
    }
    return out + indentation + close;
}

std::string format_key(Context& ctx, PropertyKey key, bool enumerable)
{
    if (key.is_symbol())
        return "[" + symbol_text(key.as_symbol()) + "]";
    std::string name = key.is_index() ? std::to_string(key.as_index()) : key.as_atom()->to_utf8();
    if (name == "__proto__")
        return "['__proto__']";
    if (!enumerable)
        return "[" + name + "]";
    if (is_identifier_key(name))
        return name;
    return quote_string(name);
}

std::string format_property(Context& ctx, Object* o, PropertyKey key, int recurse_times, Extras extras)
{
    auto own = o->get_own_property_raw(ctx.vm, key);
    std::string str;
    bool enumerable = own ? own->attributes.enumerable() : true;
    if (own && own->attributes.is_accessor()) {
        auto* accessor = static_cast<Accessor*>(own->value.as_cell());
        if (!accessor->getter().is_undefined())
            str = accessor->setter().is_undefined() ? "[Getter]" : "[Getter/Setter]";
        else
            str = accessor->setter().is_undefined() ? "undefined" : "[Setter]";
    } else {
        Value v = own ? own->value : Value::undefined();
        ctx.indentation += 2;
        str = format_value(ctx, v, recurse_times, true);
        ctx.indentation -= 2;
    }
    if (extras == Extras::Array)
        return str;
    return format_key(ctx, key, enumerable) + ": " + str;
}

std::vector<PropertyKey> enumerable_keys(Context& ctx, Object* o, bool skip_indices)
{
    std::vector<PropertyKey> keys;
    std::vector<PropertyKey> symbols;
    for (PropertyKey key : own_property_keys(ctx.vm, o)) {
        if (skip_indices && key.is_index())
            continue;
        auto own = o->get_own_property_raw(ctx.vm, key);
        if (!own || !own->attributes.enumerable())
            continue;
        (key.is_symbol() ? symbols : keys).push_back(key);
    }
    keys.insert(keys.end(), symbols.begin(), symbols.end());
    return keys;
}

std::string function_base(Context& ctx, Object* f, std::optional<std::string> const& constructor)
{
    Vm& vm = ctx.vm;
    Value name = safe_get(vm, f, PropertyKey::from_atom(common_names(vm).name));
    std::string name_text = is_string(name) ? static_cast<String*>(name.as_cell())->to_utf8() : std::string();
    if (f->kind_raw() == to_u8(CellKind::FunctionObject)) {
        auto* shared = static_cast<FunctionObject*>(f)->shared();
        if (shared->is_class_constructor()) {
            std::string base = "[class " + (name_text.empty() ? std::string("(anonymous)") : name_text);
            if (shared->kind() == FunctionKind::DerivedConstructor) {
                Object* parent = f->get_prototype_of();
                if (parent) {
                    Value pn = safe_get(vm, parent, PropertyKey::from_atom(common_names(vm).name));
                    if (is_string(pn))
                        base += " extends " + static_cast<String*>(pn.as_cell())->to_utf8();
                }
            }
            return base + "]";
        }
    }
    std::string type = "Function";
    if (f->kind_raw() == to_u8(CellKind::FunctionObject)) {
        auto k = static_cast<FunctionObject*>(f)->shared()->kind();
        if (k == FunctionKind::Generator)
            type = "GeneratorFunction";
        else if (k == FunctionKind::Async || k == FunctionKind::AsyncArrow)
            type = "AsyncFunction";
        else if (k == FunctionKind::AsyncGenerator)
            type = "AsyncGeneratorFunction";
    }
    std::string base = "[" + type;
    if (!constructor)
        base += " (null prototype)";
    base += name_text.empty() ? " (anonymous)" : ": " + name_text;
    base += "]";
    if (constructor && *constructor != type && *constructor != "Function")
        base += " " + *constructor;
    return base;
}

std::string format_object(Context& ctx, Object* o, int recurse_times)
{
    Vm& vm = ctx.vm;
    auto constructor = constructor_name(vm, o);
    std::string base;
    std::string open = "{";
    std::string close = "}";
    Extras extras = Extras::Object;
    std::vector<PropertyKey> keys;
    CellKind kind = static_cast<CellKind>(o->kind_raw());
    enum class Body { Plain, Array, Map, Set, Promise } body = Body::Plain;
    Value wrapped;

    if (kind == CellKind::TypedArrayObject) {
        // Node: Uint8Array(3) [ 1, 2, 3 ]
        auto* ta = static_cast<TypedArrayObject*>(o);
        u64 length = typed_array_view(ta).length;
        keys = enumerable_keys(ctx, o, true);
        open = prefix_for(constructor, typed_array_name(ta->type()), "(" + std::to_string(length) + ")") + "[";
        close = "]";
        if (length == 0 && keys.empty())
            return open + "]";
        extras = Extras::Array;
        body = Body::Array;
    } else if (kind == CellKind::ArrayObject) {
        auto* a = static_cast<ArrayObject*>(o);
        keys = enumerable_keys(ctx, o, true);
        std::string prefix = (constructor && *constructor == "Array") ? "" : prefix_for(constructor, "Array", "(" + std::to_string(a->length_acquire()) + ")");
        open = prefix + "[";
        close = "]";
        if (a->length_acquire() == 0 && keys.empty())
            return open + "]";
        extras = Extras::Array;
        body = Body::Array;
    } else if (kind == CellKind::MapObject || kind == CellKind::SetObject) {
        bool is_map = kind == CellKind::MapObject;
        u32 size = collection_size(o);
        keys = enumerable_keys(ctx, o, false);
        std::string prefix = prefix_for(constructor, is_map ? "Map" : "Set", "(" + std::to_string(size) + ")");
        if (size == 0 && keys.empty())
            return prefix + "{}";
        open = prefix + "{";
        body = is_map ? Body::Map : Body::Set;
    } else {
        keys = enumerable_keys(ctx, o, kind == CellKind::PrimitiveWrapper);
        if (kind == CellKind::ArgumentsObject) {
            open = "[Arguments] {";
            if (keys.empty())
                return "[Arguments] {}";
        } else if (is_callable(Value::from_cell(o))) {
            base = function_base(ctx, o, constructor);
            if (keys.empty())
                return base;
        } else if (kind == CellKind::ErrorObject) {
            Value stack = safe_get(vm, o, PropertyKey::from_atom(common_names(vm).stack));
            if (is_string(stack))
                base = static_cast<String*>(stack.as_cell())->to_utf8();
            else
                base = "[" + error_summary(vm, Value::from_cell(o)) + "]";
            if (ctx.indentation) {
                std::string indented;
                for (char c : base) {
                    indented += c;
                    if (c == '\n')
                        indented += std::string(ctx.indentation, ' ');
                }
                base = indented;
            }
            std::erase_if(keys, [&](PropertyKey k) { return k.is_atom() && (k.as_atom() == common_names(vm).stack || k.as_atom() == common_names(vm).message); });
            if (keys.empty())
                return base;
        } else if (kind == CellKind::PrimitiveWrapper) {
            wrapped = *reinterpret_cast<Value*>(reinterpret_cast<char*>(o) + EngineObject::kFieldsOffset);
            std::string type = wrapped.is_number() ? "Number" : is_string(wrapped) ? "String" : wrapped.is_boolean() ? "Boolean" : "Symbol";
            base = "[" + type + ": " + format_value(ctx, wrapped, recurse_times, true) + "]";
            if (keys.empty())
                return base;
        } else if (is_promise(Value::from_cell(o))) {
            open = prefix_for(constructor, "Promise") + "{";
            body = Body::Promise;
        } else if (kind == CellKind::RegExpObject) {
            Value source = safe_get(vm, o, to_property_key(vm, "source"));
            Value flags = safe_get(vm, o, to_property_key(vm, "flags"));
            base = "/" + (is_string(source) ? static_cast<String*>(source.as_cell())->to_utf8() : std::string()) + "/"
                + (is_string(flags) ? static_cast<String*>(flags.as_cell())->to_utf8() : std::string());
            if (keys.empty())
                return base;
        } else if (kind == CellKind::GeneratorObject) {
            if (keys.empty())
                return "Object [Generator] {}";
        } else {
            std::string prefix = (constructor && *constructor == "Object") ? "" : prefix_for(constructor, "Object");
            if (keys.empty())
                return prefix + "{}";
            open = prefix + "{";
        }
    }
    if (recurse_times > kDepth) {
        std::string name = constructor ? *constructor : std::string("Object: null prototype");
        if (kind == CellKind::ArrayObject)
            name = constructor ? *constructor : "Array";
        return "[" + name + "]";
    }
    recurse_times += 1;
    ctx.seen.push_back(o);
    ctx.current_depth = recurse_times;
    std::vector<std::string> output;
    bool has_more = false;
    switch (body) {
    case Body::Array: {
        u64 length = kind == CellKind::ArrayObject ? static_cast<ArrayObject*>(o)->length_acquire()
            : kind == CellKind::TypedArrayObject   ? typed_array_view(static_cast<TypedArrayObject*>(o)).length
                                                   : static_cast<u64>(std::max(0.0, safe_get(vm, o, PropertyKey::from_atom(common_names(vm).length)).as_number()));
        u64 shown = std::min<u64>(length, kMaxArrayLength);
        u64 i = 0;
        u64 output_items = 0;
        while (i < length && output_items < shown) {
            if (!o->get_own_property_raw(vm, PropertyKey::from_index(static_cast<u32>(i)))) {
                u64 j = i;
                while (j < length && !o->get_own_property_raw(vm, PropertyKey::from_index(static_cast<u32>(j))))
                    ++j;
                u64 holes = j - i;
                output.push_back("<" + std::to_string(holes) + " empty item" + (holes > 1 ? "s" : "") + ">");
                i = j;
                ++output_items;
                continue;
            }
            output.push_back(format_property(ctx, o, PropertyKey::from_index(static_cast<u32>(i)), recurse_times, Extras::Array));
            ++i;
            ++output_items;
        }
        if (i < length) {
            u64 remaining = length - i;
            output.push_back("... " + std::to_string(remaining) + " more item" + (remaining > 1 ? "s" : ""));
            has_more = true;
        }
        break;
    }
    case Body::Map:
    case Body::Set: {
        std::vector<Value> entries;
        collection_entries(o, entries);
        RootedValues rooted(vm);
        for (Value v : entries)
            rooted.push(v);
        ctx.indentation += 2;
        if (body == Body::Map) {
            for (usize i = 0; i + 1 < rooted.size(); i += 2)
                output.push_back(format_value(ctx, rooted[i], recurse_times, true) + " => " + format_value(ctx, rooted[i + 1], recurse_times, true));
        } else {
            for (usize i = 0; i < rooted.size(); ++i)
                output.push_back(format_value(ctx, rooted[i], recurse_times, true));
        }
        ctx.indentation -= 2;
        break;
    }
    case Body::Promise: {
        PromiseInfo info = promise_info(o);
        if (info.state == 0) {
            output.push_back("<pending>");
        } else {
            ctx.indentation += 2;
            std::string v = format_value(ctx, info.result, recurse_times, true);
            ctx.indentation -= 2;
            output.push_back(info.state == 2 ? "<rejected> " + v : v);
        }
        break;
    }
    case Body::Plain:
        break;
    }
    for (PropertyKey key : keys)
        output.push_back(format_property(ctx, o, key, recurse_times, Extras::Object));
    ctx.seen.pop_back();
    auto circular = ctx.circular.find(o);
    if (circular != ctx.circular.end()) {
        std::string reference = "<ref *" + std::to_string(circular->second) + ">";
        base = base.empty() ? reference : reference + " " + base;
    }
    return reduce_to_single_string(ctx, std::move(output), base, open, close, extras, recurse_times, Value::from_cell(o), has_more);
}

std::string format_value(Context& ctx, Value v, int recurse_times, bool nested)
{
    if (v.is_undefined() || v.is_empty())
        return "undefined";
    if (v.is_null())
        return "null";
    if (v.is_boolean())
        return v.as_bool() ? "true" : "false";
    if (v.is_number())
        return number_text(v.as_number());
    if (is_string(v)) {
        std::string s = static_cast<String*>(v.as_cell())->to_utf8();
        return nested ? quote_string(s) : s;
    }
    if (is_symbol(v))
        return symbol_text(static_cast<Symbol*>(v.as_cell()));
    if (!is_object(v))
        return "<internal>";
    Object* o = as_object(v);
    if (std::find(ctx.seen.begin(), ctx.seen.end(), o) != ctx.seen.end()) {
        auto [it, inserted] = ctx.circular.emplace(o, static_cast<u32>(ctx.circular.size() + 1));
        return "[Circular *" + std::to_string(it->second) + "]";
    }
    return format_object(ctx, o, recurse_times);
}

} // namespace

std::string inspect_value(Vm& vm, Value v, bool top_level_string_raw)
{
    Context ctx(vm);
    return format_value(ctx, v, 0, !top_level_string_raw);
}

} // namespace weft
