// The JSON object: parse (with reviver) and stringify (with replacer function or list, indent).
// spec: https://tc39.es/ecma262/#sec-json-object
#include "builtins/builtins.h"

#include "base/number_format.h"
#include "base/utf8.h"

#include <cmath>
#include "threads/restrict.h"

namespace weft {

namespace {

class JsonParser {
public:
    JsonParser(Vm& vm, std::u16string const& text) : m_vm(vm), m_text(text) { }

    ThrowOr<Value> parse()
    {
        skip_space();
        Value v = TRY(parse_value(0));
        skip_space();
        if (m_pos != m_text.size())
            return error();
        return v;
    }

private:
    ThrowCompletion error()
    {
        if (m_pos >= m_text.size())
            return throw_syntax_error(m_vm, "Unexpected end of JSON input");
        std::string token;
        Utf16ToUtf8 converter(token);
        converter.feed(m_text[m_pos]);
        converter.finish();
        return throw_syntax_error(m_vm, "Unexpected token '%s', is not valid JSON at position %zu", token.c_str(), m_pos);
    }
    void skip_space()
    {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r'))
            ++m_pos;
    }
    bool literal(char16_t const* word)
    {
        usize n = std::char_traits<char16_t>::length(word);
        if (m_text.compare(m_pos, n, word) == 0) {
            m_pos += n;
            return true;
        }
        return false;
    }
    ThrowOr<std::u16string> parse_string_units()
    {
        ++m_pos; // "
        std::u16string out;
        while (m_pos < m_text.size()) {
            char16_t c = m_text[m_pos++];
            if (c == '"')
                return out;
            if (c < 0x20) {
                --m_pos;
                return error();
            }
            if (c != '\\') {
                out.push_back(c);
                continue;
            }
            if (m_pos >= m_text.size())
                return error();
            char16_t e = m_text[m_pos++];
            switch (e) {
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '/': out.push_back('/'); break;
            case 'b': out.push_back('\b'); break;
            case 'f': out.push_back('\f'); break;
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case 'u': {
                if (m_pos + 4 > m_text.size())
                    return error();
                u32 v = 0;
                for (int i = 0; i < 4; ++i) {
                    char16_t h = m_text[m_pos++];
                    int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                    if (d < 0) {
                        --m_pos;
                        return error();
                    }
                    v = v * 16 + d;
                }
                out.push_back(static_cast<char16_t>(v));
                break;
            }
            default:
                --m_pos;
                return error();
            }
        }
        return error();
    }
    ThrowOr<Value> parse_value(int depth)
    {
        if (depth > 5000)
            return throw_range_error(m_vm, "Maximum call stack size exceeded");
        if (m_pos >= m_text.size())
            return error();
        char16_t c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            Object* o = TRY(new_object(m_vm));
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return Value::from_cell(o);
            }
            for (;;) {
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                    return error();
                std::u16string key = TRY(parse_string_units());
                skip_space();
                if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                    return error();
                ++m_pos;
                skip_space();
                Value v = TRY(parse_value(depth + 1));
                String* ks = TRY(new_string_utf16(m_vm, key));
                PropertyKey k = to_property_key(m_vm, ks);
                if (k.bits() == 0)
                    return throw_out_of_memory(m_vm);
                TRY(CreateDataPropertyOrThrow(m_vm, o, k, v));
                skip_space();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                    ++m_pos;
                    return Value::from_cell(o);
                }
                return error();
            }
        }
        if (c == '[') {
            ++m_pos;
            ArrayObject* a = TRY(new_array(m_vm));
            skip_space();
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return Value::from_cell(a);
            }
            for (;;) {
                skip_space();
                Value v = TRY(parse_value(depth + 1));
                if (a->push(m_vm, v) != Outcome::True)
                    return throw_out_of_memory(m_vm);
                skip_space();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    continue;
                }
                if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                    ++m_pos;
                    return Value::from_cell(a);
                }
                return error();
            }
        }
        if (c == '"') {
            std::u16string s = TRY(parse_string_units());
            String* str = TRY(new_string_utf16(m_vm, s));
            return Value::from_cell(str);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            usize start = m_pos;
            if (m_text[m_pos] == '-')
                ++m_pos;
            if (m_pos >= m_text.size())
                return error();
            if (m_text[m_pos] == '0') {
                ++m_pos;
            } else if (m_text[m_pos] >= '1' && m_text[m_pos] <= '9') {
                while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                    ++m_pos;
            } else {
                return error();
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '.') {
                ++m_pos;
                if (m_pos >= m_text.size() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
                    return error();
                while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                    ++m_pos;
            }
            if (m_pos < m_text.size() && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
                ++m_pos;
                if (m_pos < m_text.size() && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
                    ++m_pos;
                if (m_pos >= m_text.size() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
                    return error();
                while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9')
                    ++m_pos;
            }
            std::string number;
            for (usize i = start; i < m_pos; ++i)
                number.push_back(static_cast<char>(m_text[i]));
            return Value::from_number(string_to_number_ascii(number));
        }
        if (literal(u"true"))
            return Value::boolean(true);
        if (literal(u"false"))
            return Value::boolean(false);
        if (literal(u"null"))
            return Value::null();
        return error();
    }

    Vm& m_vm;
    std::u16string const& m_text;
    usize m_pos = 0;
};

// InternalizeJSONProperty ( holder, name, reviver )
// spec: https://tc39.es/ecma262/#sec-internalizejsonproperty
ThrowOr<Value> internalize(Vm& vm, Object* holder, PropertyKey name, Value reviver)
{
    Value val = TRY(Get(vm, holder, name));
    if (is_object(val)) {
        Object* o = as_object(val);
        if (o->is_array()) {
            u64 len = TRY(LengthOfArrayLike(vm, o));
            for (u64 i = 0; i < len; ++i) {
                PropertyKey k = TRY(key_for_index(vm, i));
                Value element = TRY(internalize(vm, o, k, reviver));
                if (element.is_undefined())
                    TRY(delete_property(vm, o, k, false));
                else
                    TRY(CreateDataPropertyOrThrow(vm, o, k, element));
            }
        } else {
            TRY(check_object_access(vm, o));
            for (PropertyKey k : own_property_keys(vm, o)) {
                if (k.is_symbol())
                    continue;
                auto own = o->get_own_property_raw(vm, k);
                if (!own || !own->attributes.enumerable())
                    continue;
                Value element = TRY(internalize(vm, o, k, reviver));
                if (element.is_undefined())
                    TRY(delete_property(vm, o, k, false));
                else
                    TRY(CreateDataPropertyOrThrow(vm, o, k, element));
            }
        }
    }
    Value key = TRY(key_to_value(vm, name));
    Value call_args[2] = { key, val };
    return Call(vm, reviver, Value::from_cell(holder), call_args);
}

ThrowOr<Value> json_parse(Vm& vm, CallArgs const& args)
{
    String* text = TRY(ToString(vm, args.arg(0)));
    std::u16string units = text->to_utf16();
    JsonParser parser(vm, units);
    Value result = TRY(parser.parse());
    if (is_callable(args.arg(1))) {
        Object* root = TRY(new_object(vm));
        TRY(CreateDataPropertyOrThrow(vm, root, PropertyKey::from_atom(common_names(vm).empty), result));
        return internalize(vm, root, PropertyKey::from_atom(common_names(vm).empty), args.arg(1));
    }
    return result;
}

// QuoteJSONString ( value )
// spec: https://tc39.es/ecma262/#sec-quotejsonstring
void quote_json(std::u16string& out, std::u16string const& s)
{
    out.push_back('"');
    for (usize i = 0; i < s.size(); ++i) {
        char16_t c = s[i];
        switch (c) {
        case '\b': out += u"\\b"; break;
        case '\t': out += u"\\t"; break;
        case '\n': out += u"\\n"; break;
        case '\f': out += u"\\f"; break;
        case '\r': out += u"\\r"; break;
        case '"': out += u"\\\""; break;
        case '\\': out += u"\\\\"; break;
        default: {
            bool lone = false;
            if (c >= 0xd800 && c <= 0xdbff)
                lone = !(i + 1 < s.size() && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff);
            else if (c >= 0xdc00 && c <= 0xdfff)
                lone = !(i > 0 && s[i - 1] >= 0xd800 && s[i - 1] <= 0xdbff);
            if (c < 0x20 || lone) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
                for (char* p = buffer; *p; ++p)
                    out.push_back(static_cast<char16_t>(*p));
            } else {
                out.push_back(c);
            }
        }
        }
    }
    out.push_back('"');
}

struct Stringifier {
    Vm& vm;
    Value replacer_function;
    std::vector<PropertyKey> property_list;
    bool has_property_list = false;
    std::u16string gap;
    std::u16string indent;
    std::vector<Object*> stack;
    RootedValues keep;

    explicit Stringifier(Vm& v) : vm(v), keep(v) { }

    // SerializeJSONProperty ( state, key, holder ): false when the result is undefined.
    ThrowOr<bool> serialize_property(std::u16string& out, Value key, Object* holder, Value value)
    {
        if (is_object(value) || value.is_cell()) {
            Value to_json = TRY(GetV(vm, value, PropertyKey::from_atom(common_names(vm).toJSON)));
            if (is_callable(to_json))
                value = TRY(Call(vm, to_json, value, std::span<Value const>(&key, 1)));
        }
        if (!replacer_function.is_undefined()) {
            Value call_args[2] = { key, value };
            value = TRY(Call(vm, replacer_function, Value::from_cell(holder), call_args));
        }
        keep.push(value);
        if (value.is_cell_of_kind(CellKind::PrimitiveWrapper)) {
            Value p = *reinterpret_cast<Value*>(reinterpret_cast<char*>(value.as_cell()) + EngineObject::kFieldsOffset);
            if (p.is_number()) {
                double d = TRY(ToNumber(vm, value));
                value = Value::from_number(d);
            } else if (is_string(p)) {
                String* s = TRY(ToString(vm, value));
                value = Value::from_cell(s);
            } else if (p.is_boolean()) {
                value = p;
            }
        }
        if (value.is_null()) {
            out += u"null";
            return true;
        }
        if (value.is_boolean()) {
            out += value.as_bool() ? u"true" : u"false";
            return true;
        }
        if (is_string(value)) {
            quote_json(out, static_cast<String*>(value.as_cell())->to_utf16());
            return true;
        }
        if (value.is_number()) {
            double d = value.as_number();
            if (!std::isfinite(d)) {
                out += u"null";
                return true;
            }
            String* s = TRY(ToString(vm, value));
            out += s->to_utf16();
            return true;
        }
        if (is_object(value) && !is_callable(value)) {
            if (as_object(value)->is_array())
                TRY(serialize_array(out, as_object(value)));
            else
                TRY(serialize_object(out, as_object(value)));
            return true;
        }
        return false;
    }

    ThrowOr<void> enter(Object* o)
    {
        if (std::find(stack.begin(), stack.end(), o) != stack.end())
            return throw_type_error(vm, "Converting circular structure to JSON");
        if (stack.size() > 4000)
            return throw_range_error(vm, "Maximum call stack size exceeded");
        stack.push_back(o);
        return {};
    }

    ThrowOr<void> serialize_object(std::u16string& out, Object* o)
    {
        TRY(enter(o));
        std::u16string stepback = indent;
        indent += gap;
        std::vector<PropertyKey> keys;
        if (has_property_list) {
            keys = property_list;
        } else {
            TRY(check_object_access(vm, o));
            for (PropertyKey k : own_property_keys(vm, o)) {
                if (k.is_symbol())
                    continue;
                auto own = o->get_own_property_raw(vm, k);
                if (own && own->attributes.enumerable())
                    keys.push_back(k);
            }
        }
        out.push_back('{');
        bool any = false;
        for (PropertyKey k : keys) {
            Value v = TRY(Get(vm, o, k));
            Value key_value = TRY(key_to_value(vm, k));
            std::u16string member;
            quote_json(member, TRY(ToString(vm, key_value))->to_utf16());
            member.push_back(':');
            if (!gap.empty())
                member.push_back(' ');
            bool defined = TRY(serialize_property(member, key_value, o, v));
            if (!defined)
                continue;
            if (any)
                out.push_back(',');
            if (!gap.empty()) {
                out.push_back('\n');
                out += indent;
            }
            out += member;
            any = true;
        }
        if (any && !gap.empty()) {
            out.push_back('\n');
            out += stepback;
        }
        out.push_back('}');
        stack.pop_back();
        indent = stepback;
        return {};
    }

    ThrowOr<void> serialize_array(std::u16string& out, Object* a)
    {
        TRY(enter(a));
        std::u16string stepback = indent;
        indent += gap;
        u64 len = TRY(LengthOfArrayLike(vm, a));
        out.push_back('[');
        for (u64 i = 0; i < len; ++i) {
            if (i)
                out.push_back(',');
            if (!gap.empty()) {
                out.push_back('\n');
                out += indent;
            }
            Value v = TRY(Get(vm, a, PropertyKey::from_index(static_cast<u32>(i))));
            bool defined = TRY(serialize_property(out, Value::from_number(double(i)), a, v));
            if (!defined)
                out += u"null";
        }
        if (len && !gap.empty()) {
            out.push_back('\n');
            out += stepback;
        }
        out.push_back(']');
        stack.pop_back();
        indent = stepback;
        return {};
    }
};

// JSON.stringify ( value [ , replacer [ , space ] ] )
// spec: https://tc39.es/ecma262/#sec-json.stringify
ThrowOr<Value> json_stringify(Vm& vm, CallArgs const& args)
{
    Stringifier s(vm);
    Value replacer = args.arg(1);
    if (is_callable(replacer)) {
        s.replacer_function = replacer;
    } else if (replacer.is_cell_of_kind(CellKind::ArrayObject)) {
        s.has_property_list = true;
        Object* list = as_object(replacer);
        u64 len = TRY(LengthOfArrayLike(vm, list));
        for (u64 i = 0; i < len; ++i) {
            Value v = TRY(Get(vm, list, PropertyKey::from_index(static_cast<u32>(i))));
            if (!is_string(v) && !v.is_number() && !v.is_cell_of_kind(CellKind::PrimitiveWrapper))
                continue;
            PropertyKey k = TRY(ToPropertyKey(vm, v));
            if (std::find(s.property_list.begin(), s.property_list.end(), k) == s.property_list.end())
                s.property_list.push_back(k);
        }
    }
    Value space = args.arg(2);
    if (space.is_cell_of_kind(CellKind::PrimitiveWrapper))
        space = *reinterpret_cast<Value*>(reinterpret_cast<char*>(space.as_cell()) + EngineObject::kFieldsOffset);
    if (space.is_number()) {
        double n = std::min(10.0, std::max(0.0, std::trunc(space.as_number())));
        s.gap = std::u16string(static_cast<usize>(n), u' ');
    } else if (is_string(space)) {
        s.gap = static_cast<String*>(space.as_cell())->to_utf16().substr(0, 10);
    }
    Object* wrapper = TRY(new_object(vm));
    TRY(CreateDataPropertyOrThrow(vm, wrapper, PropertyKey::from_atom(common_names(vm).empty), args.arg(0)));
    std::u16string out;
    bool defined = TRY(s.serialize_property(out, Value::from_cell(common_names(vm).empty), wrapper, args.arg(0)));
    if (!defined)
        return Value::undefined();
    String* result = TRY(new_string_utf16(vm, out));
    return Value::from_cell(result);
}

constexpr NativeMethod kJsonMethods[] = {
    { "parse", 2, json_parse },
    { "stringify", 3, json_stringify },
};

} // namespace

ThrowOr<void> install_json(Vm& vm)
{
    Object* json = TRY(new_object(vm));
    TRY(install_methods(vm, json, kJsonMethods));
    String* tag = TRY(intern(vm, "JSON"));
    TRY(DefinePropertyOrThrow(vm, json, PropertyKey::from_symbol(well_known_symbols(vm).toStringTag), PropertyDescriptor::data(Value::from_cell(tag), PropertyAttributes::data(false, false, true))));
    TRY(define_value(vm, vm.realm()->global_object, "JSON", Value::from_cell(json)));
    return {};
}

} // namespace weft
