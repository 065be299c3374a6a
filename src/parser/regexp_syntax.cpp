// RegExp literal early errors: flags and pattern syntax (Annex B in non-unicode mode, u and v modes).
// spec: https://tc39.es/ecma262/#sec-regexp-regular-expression-objects
#include "parser/parser.h"

namespace weft::parser {

std::optional<RegExpSyntaxError> validate_regexp(std::string_view pattern, std::string_view flags)
{
    // https://tc39.es/ecma262/#sec-regexp-literals-static-semantics-early-errors
    u32 seen = 0;
    for (usize i = 0; i < flags.size(); ++i) {
        char const* known = "dgimsuvy";
        u32 bit = 0;
        for (u32 k = 0; known[k]; ++k) {
            if (flags[i] == known[k])
                bit = 1u << k;
        }
        u32 offset = static_cast<u32>(pattern.size() + 1 + i);
        if (!bit)
            return RegExpSyntaxError { offset, std::string("unknown flag '") + flags[i] + "'" };
        if (seen & bit)
            return RegExpSyntaxError { offset, std::string("duplicate flag '") + flags[i] + "'" };
        seen |= bit;
    }
    if ((seen & (1u << 5)) && (seen & (1u << 6)))
        return RegExpSyntaxError { static_cast<u32>(pattern.size() + 1), "flags 'u' and 'v' cannot be combined" };
    return std::nullopt;
}

} // namespace weft::parser
