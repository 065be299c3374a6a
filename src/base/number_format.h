// Number <-> text conversions of ECMA-262 (Number::toString, StringToNumber, ToInt32) with no
// engine knowledge: callers pass characters and get characters or doubles back.
#pragma once

#include "base/types.h"

#include <span>
#include <string>

namespace weft {

// Large enough for Number::toString(x) in radix 10 of any double ("-1.2345678901234567e-308"
// is 24 characters; the longest fixed form "-0.0000012345678901234567" is 25).
constexpr usize kMaxNumberChars = 32;
// Large enough for any int32 in radix 10 ("-2147483648").
constexpr usize kMaxInt32Chars = 12;

// Number::toString ( x, 10 ): writes the characters to `out` (at least kMaxNumberChars bytes)
// and returns how many were written. No terminating NUL.
// spec: https://tc39.es/ecma262/#sec-numeric-types-number-tostring
usize number_to_chars(double x, char* out);

// Number::toString ( x, radix ) for radix 2..36. Radix 10 is the spec algorithm; the others
// print the integer part exactly and as many fraction digits as needed to distinguish x from
// its neighbouring doubles, rounded the way V8 does (the spec leaves the digits to the
// implementation, and matching the most used engine avoids surprises).
// spec: https://tc39.es/ecma262/#sec-number.prototype.tostring
std::string NumberToString(double x, int radix = 10);

// Writes the decimal digits of `value` to `out` (at least kMaxInt32Chars bytes); returns the count.
usize int32_to_chars(i32 value, char* out);

// StringToNumber ( str ) over Latin-1 or UTF-16 code units.
// spec: https://tc39.es/ecma262/#sec-stringtonumber
double StringToNumber(std::span<u8 const> latin1);
double StringToNumber(std::span<char16_t const> utf16);

// Convenience for ASCII/Latin-1 text held in a std::string_view.
double string_to_number_ascii(std::string_view text);

// StrWhiteSpaceChar: WhiteSpace or LineTerminator.
// spec: https://tc39.es/ecma262/#prod-StrWhiteSpaceChar
bool is_str_white_space_char(u32 code_unit);

// ToInt32 / ToUint32 / ToUint16 applied to a Number.
// spec: https://tc39.es/ecma262/#sec-toint32
i32 ToInt32(double number);
// spec: https://tc39.es/ecma262/#sec-touint32
u32 ToUint32(double number);
// spec: https://tc39.es/ecma262/#sec-touint16
u16 ToUint16(double number);

// Is `x` an integral value that fits an int32 (and not -0)? Then *out receives it.
bool double_to_int32_exact(double x, i32* out);

} // namespace weft
