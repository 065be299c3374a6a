// Conversions between Strings and Numbers: Number::toString into a String cell, StringToNumber of a String.
#include "objects/string_conversions.h"

#include "base/number_format.h"
#include "objects/atom_table.h"
#include "objects/string.h"
#include "vm/vm.h"

#include <string>

namespace weft {

// Number::toString ( x, 10 ) as a String cell.
// spec: https://tc39.es/ecma262/#sec-numeric-types-number-tostring
String* number_to_string(Vm& vm, double x)
{
    // Fast path: small non-negative integers come from a per-runtime cache (published by CAS).
    if (x >= 0 && x < AtomTable::kSmallIntegerStrings) {
        u32 i = static_cast<u32>(x);
        if (static_cast<double>(i) == x) // also true for -0, which prints "0"
            return vm.runtime().atoms().small_integer_string(vm, i);
    }
    char buffer[kMaxNumberChars];
    usize length = number_to_chars(x, buffer);
    return string_from_latin1(vm, std::string_view(buffer, length));
}

String* number_to_string(Vm& vm, double x, int radix)
{
    if (radix == 10)
        return number_to_string(vm, x);
    std::string text = NumberToString(x, radix);
    return string_from_latin1(vm, text);
}

// StringToNumber ( str )
// spec: https://tc39.es/ecma262/#sec-stringtonumber
double StringToNumber(String const* s)
{
    if (String const* flat = s->flat_or_null_concurrently()) {
        if (flat->kind() == CellKind::OneByteString)
            return StringToNumber(std::span<u8 const>(flat->latin1_chars(), flat->length()));
        return StringToNumber(std::span<char16_t const>(flat->utf16_chars(), flat->length()));
    }
    std::u16string units = s->to_utf16();
    return StringToNumber(std::span<char16_t const>(units.data(), units.size()));
}

} // namespace weft
