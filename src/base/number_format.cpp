// Number <-> text conversions of ECMA-262: Number::toString (radix 2..36), StringToNumber, ToInt32.
#include "base/number_format.h"

#include "base/assert.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string_view>

namespace weft {

namespace {

constexpr char kDigitChars[] = "0123456789abcdefghijklmnopqrstuvwxyz";

// Copies `text` to `out`, returning the count.
usize put(char* out, std::string_view text)
{
    std::memcpy(out, text.data(), text.size());
    return text.size();
}

// The shortest round-trip decimal digits of a finite positive `x` and its exponent n, such that
// x = 0.d1d2...dk * 10^n (the spec's k, n and s, with s = digits).
struct ShortestDigits {
    char digits[20];
    int k = 0;
    int n = 0;
};

ShortestDigits shortest_digits(double x)
{
    // std::to_chars without a precision yields the shortest representation that round-trips
    // and, among those, the one closest to x: exactly the s of Number::toString step 5.
    char buffer[kMaxNumberChars];
    auto result = std::to_chars(buffer, buffer + sizeof(buffer), x, std::chars_format::scientific);
    WEFT_ASSERT(result.ec == std::errc());
    ShortestDigits out;
    char const* p = buffer;
    char const* end = result.ptr;
    for (; p < end && *p != 'e'; ++p) {
        if (*p != '.')
            out.digits[out.k++] = *p;
    }
    WEFT_ASSERT(p < end && *p == 'e');
    ++p;
    int exponent = 0;
    std::from_chars(*p == '+' ? p + 1 : p, end, exponent);
    out.n = exponent + 1;
    return out;
}

} // namespace

bool double_to_int32_exact(double x, i32* out)
{
    if (!(x >= -2147483648.0 && x <= 2147483647.0))
        return false;
    i32 i = static_cast<i32>(x);
    if (static_cast<double>(i) != x || (i == 0 && std::signbit(x)))
        return false;
    *out = i;
    return true;
}

usize int32_to_chars(i32 value, char* out)
{
    auto result = std::to_chars(out, out + kMaxInt32Chars, value);
    return static_cast<usize>(result.ptr - out);
}

// Number::toString ( x, 10 )
// spec: https://tc39.es/ecma262/#sec-numeric-types-number-tostring
usize number_to_chars(double x, char* out)
{
    // Fast path: integral values in int32 range print as their digits (steps 6-7 with k <= n).
    if (i32 i; double_to_int32_exact(x, &i))
        return int32_to_chars(i, out);
    // 1. If x is NaN, return "NaN".
    if (std::isnan(x))
        return put(out, "NaN");
    // 2. If x is either +0 or -0, return "0".
    if (x == 0)
        return put(out, "0");
    usize length = 0;
    // 3. If x < -0, return the string-concatenation of "-" and Number::toString(-x, radix).
    if (x < 0) {
        out[length++] = '-';
        x = -x;
    }
    // 4. If x is +inf, return "Infinity".
    if (std::isinf(x))
        return length + put(out + length, "Infinity");
    // 5. Let n, k, and s be integers such that k >= 1, radix^(k-1) <= s < radix^k, s * radix^(n-k)
    //    is x, and k is as small as possible.
    ShortestDigits const d = shortest_digits(x);
    int const k = d.k;
    int const n = d.n;
    char* p = out + length;
    if (k <= n && n <= 21) {
        // 7. If k <= n <= 21: the k digits of s followed by n - k zeros.
        std::memcpy(p, d.digits, k);
        std::memset(p + k, '0', n - k);
        return length + n;
    }
    if (0 < n && n <= 21) {
        // 8. If 0 < n <= 21: the first n digits, ".", the remaining k - n digits.
        std::memcpy(p, d.digits, n);
        p[n] = '.';
        std::memcpy(p + n + 1, d.digits + n, k - n);
        return length + k + 1;
    }
    if (-6 < n && n <= 0) {
        // 9. If -6 < n <= 0: "0.", -n zeros, the k digits.
        p[0] = '0';
        p[1] = '.';
        std::memset(p + 2, '0', -n);
        std::memcpy(p + 2 - n, d.digits, k);
        return length + 2 - n + k;
    }
    // 10-12. Exponential form: d[.ddd]e(+|-)(n - 1).
    usize used = 0;
    p[used++] = d.digits[0];
    if (k > 1) {
        p[used++] = '.';
        std::memcpy(p + used, d.digits + 1, k - 1);
        used += k - 1;
    }
    p[used++] = 'e';
    p[used++] = n - 1 >= 0 ? '+' : '-';
    auto result = std::to_chars(p + used, p + kMaxNumberChars - length, std::abs(n - 1));
    return static_cast<usize>(result.ptr - out);
}

namespace {

// Number::toString ( x, radix ) for radix != 10 and finite x > 0: the integer part exactly, then
// fraction digits until the remaining fraction is below half the gap to the next double, with
// round-half-to-even on the last digit (carrying into earlier digits and the integer part).
std::string positive_to_radix_string(double value, int radix)
{
    double integer = std::floor(value);
    double fraction = value - integer;
    // Half the distance to the next larger double bounds the precision of the fraction digits.
    double delta = 0.5 * (std::nextafter(value, std::numeric_limits<double>::infinity()) - value);
    delta = std::max(std::numeric_limits<double>::denorm_min(), delta);

    std::string fraction_digits;
    if (fraction >= delta) {
        for (;;) {
            fraction *= radix;
            delta *= radix;
            int digit = static_cast<int>(fraction);
            fraction_digits.push_back(kDigitChars[digit]);
            fraction -= digit;
            bool round_up = fraction > 0.5 || (fraction == 0.5 && (digit & 1));
            if (round_up && fraction + delta > 1) {
                // Round the digits so far up by one unit in the last place.
                for (;;) {
                    if (fraction_digits.empty()) {
                        integer += 1;
                        break;
                    }
                    char c = fraction_digits.back();
                    fraction_digits.pop_back();
                    int last = c > '9' ? c - 'a' + 10 : c - '0';
                    if (last + 1 < radix) {
                        fraction_digits.push_back(kDigitChars[last + 1]);
                        break;
                    }
                }
                break;
            }
            if (!(fraction >= delta))
                break;
        }
    }

    // Integer digits, least significant first. Above 2^53 the low digits are not represented
    // in the double; divide them away as zeros first so the remainders below are exact.
    std::string integer_digits;
    constexpr double kTwoTo53 = 9007199254740992.0;
    while (integer / radix >= kTwoTo53) {
        integer /= radix;
        integer_digits.push_back('0');
    }
    do {
        double remainder = std::fmod(integer, radix);
        integer_digits.push_back(kDigitChars[static_cast<int>(remainder)]);
        integer = (integer - remainder) / radix;
    } while (integer > 0);
    std::reverse(integer_digits.begin(), integer_digits.end());

    if (!fraction_digits.empty()) {
        integer_digits.push_back('.');
        integer_digits += fraction_digits;
    }
    return integer_digits;
}

} // namespace

// Number::toString ( x, radix )
// spec: https://tc39.es/ecma262/#sec-numeric-types-number-tostring
std::string NumberToString(double x, int radix)
{
    WEFT_ASSERT(radix >= 2 && radix <= 36);
    if (radix == 10) {
        char buffer[kMaxNumberChars];
        return std::string(buffer, number_to_chars(x, buffer));
    }
    if (std::isnan(x))
        return "NaN";
    if (x == 0)
        return "0";
    if (std::isinf(x))
        return x > 0 ? "Infinity" : "-Infinity";
    if (x < 0)
        return "-" + positive_to_radix_string(-x, radix);
    return positive_to_radix_string(x, radix);
}

// ---------------------------------------------------------------------------------------------
// StringToNumber

// spec: https://tc39.es/ecma262/#prod-StrWhiteSpaceChar (WhiteSpace and LineTerminator)
bool is_str_white_space_char(u32 c)
{
    switch (c) {
    case 0x09: // TAB
    case 0x0A: // LF
    case 0x0B: // VT
    case 0x0C: // FF
    case 0x0D: // CR
    case 0x20: // SP (Zs)
    case 0xA0: // NBSP (Zs)
    case 0x1680: // Zs
    case 0x2028: // LS
    case 0x2029: // PS
    case 0x202F: // Zs
    case 0x205F: // Zs
    case 0x3000: // Zs
    case 0xFEFF: // ZWNBSP
        return true;
    default:
        return c >= 0x2000 && c <= 0x200A; // Zs
    }
}

namespace {

int digit_value(u32 c)
{
    if (c >= '0' && c <= '9')
        return static_cast<int>(c - '0');
    if (c >= 'a' && c <= 'z')
        return static_cast<int>(c - 'a' + 10);
    if (c >= 'A' && c <= 'Z')
        return static_cast<int>(c - 'A' + 10);
    return 99;
}

// The MV of a NonDecimalIntegerLiteral's digits in a power-of-two radix, rounded to the nearest
// double (ties to even) exactly, however many digits there are. NaN if a digit is invalid.
template<typename Unit>
double parse_power_of_two_radix(Unit const* p, Unit const* end, int radix)
{
    int const bits_per_digit = std::countr_zero(static_cast<unsigned>(radix));
    if (p == end)
        return std::numeric_limits<double>::quiet_NaN();
    u64 mantissa = 0;   // the leading bits, up to 64 of them
    int extra_bits = 0; // bits of the value below `mantissa` (dropped into `sticky`)
    bool sticky = false;
    for (; p < end; ++p) {
        int digit = digit_value(*p);
        if (digit >= radix)
            return std::numeric_limits<double>::quiet_NaN();
        for (int b = bits_per_digit - 1; b >= 0; --b) {
            unsigned bit = (digit >> b) & 1;
            if (mantissa >> 63) {
                sticky |= bit;
                ++extra_bits;
            } else {
                mantissa = (mantissa << 1) | bit;
            }
        }
    }
    if (mantissa == 0)
        return 0;
    // Keep 53 significant bits; round on the next bit with the rest as sticky.
    int width = 64 - std::countl_zero(mantissa);
    if (width > 53) {
        int drop = width - 53;
        u64 dropped = mantissa & ((u64(1) << drop) - 1);
        u64 half = u64(1) << (drop - 1);
        mantissa >>= drop;
        extra_bits += drop;
        bool above_half = dropped > half || (dropped == half && sticky);
        bool tie = dropped == half && !sticky;
        if (above_half || (tie && (mantissa & 1)))
            ++mantissa; // may become 2^53: still exact
    }
    return std::ldexp(static_cast<double>(mantissa), extra_bits);
}

// Exact conversion of a decimal StrUnsignedDecimalLiteral (already validated, ASCII).
double parse_decimal(char const* begin, char const* end)
{
    double value = 0;
    auto result = std::from_chars(begin, end, value, std::chars_format::general);
    if (result.ec == std::errc())
        return value;
    WEFT_ASSERT(result.ec == std::errc::result_out_of_range);
    // Out of range: decide between overflow (Infinity) and underflow (0) from the decimal
    // exponent of the first significant digit.
    long exponent = 0;
    char const* p = begin;
    long integer_digits = 0;
    long leading_fraction_zeros = 0;
    bool seen_significant = false;
    for (; p < end && *p >= '0' && *p <= '9'; ++p) {
        if (*p != '0')
            seen_significant = true;
        if (seen_significant)
            ++integer_digits;
    }
    if (p < end && *p == '.') {
        for (++p; p < end && *p >= '0' && *p <= '9'; ++p) {
            if (*p != '0')
                seen_significant = true;
            if (!seen_significant && integer_digits == 0)
                ++leading_fraction_zeros;
        }
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        ++p;
        bool negative = p < end && *p == '-';
        if (p < end && (*p == '+' || *p == '-'))
            ++p;
        for (; p < end && *p >= '0' && *p <= '9'; ++p)
            exponent = std::min(exponent * 10 + (*p - '0'), 100000000L);
        if (negative)
            exponent = -exponent;
    }
    long adjusted = integer_digits > 0 ? exponent + integer_digits : exponent - leading_fraction_zeros;
    return adjusted > 0 ? std::numeric_limits<double>::infinity() : 0.0;
}

template<typename Unit>
double string_to_number_impl(Unit const* begin, Unit const* end)
{
    constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    // StringNumericLiteral ::: StrWhiteSpace_opt StrNumericLiteral StrWhiteSpace_opt
    while (begin < end && is_str_white_space_char(*begin))
        ++begin;
    while (end > begin && is_str_white_space_char(end[-1]))
        --end;
    // An empty (or all white space) string is 0.
    if (begin == end)
        return 0;
    usize length = static_cast<usize>(end - begin);

    // NonDecimalIntegerLiteral: 0b / 0o / 0x (either case), no sign.
    if (length >= 2 && begin[0] == '0') {
        Unit prefix = begin[1];
        if (prefix == 'x' || prefix == 'X')
            return parse_power_of_two_radix(begin + 2, end, 16);
        if (prefix == 'o' || prefix == 'O')
            return parse_power_of_two_radix(begin + 2, end, 8);
        if (prefix == 'b' || prefix == 'B')
            return parse_power_of_two_radix(begin + 2, end, 2);
    }

    // StrDecimalLiteral ::: [+-] StrUnsignedDecimalLiteral
    Unit const* p = begin;
    bool negative = false;
    if (*p == '+' || *p == '-') {
        negative = *p == '-';
        ++p;
    }
    // Infinity (case-sensitive).
    static constexpr char kInfinity[] = "Infinity";
    if (static_cast<usize>(end - p) == 8) {
        bool match = true;
        for (int i = 0; i < 8; ++i)
            match &= p[i] == static_cast<Unit>(kInfinity[i]);
        if (match)
            return negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    }

    // Validate DecimalDigits [. DecimalDigits] [ExponentPart] and copy it as ASCII.
    constexpr usize kInline = 128;
    char inline_buffer[kInline];
    std::string heap_buffer;
    usize count = static_cast<usize>(end - p);
    char* ascii = inline_buffer;
    if (count > kInline) {
        heap_buffer.resize(count);
        ascii = heap_buffer.data();
    }
    usize i = 0;
    usize mantissa_digits = 0;
    auto is_digit = [](Unit c) { return c >= '0' && c <= '9'; };
    for (; p < end && is_digit(*p); ++p, ++mantissa_digits)
        ascii[i++] = static_cast<char>(*p);
    if (p < end && *p == '.') {
        ascii[i++] = '.';
        for (++p; p < end && is_digit(*p); ++p, ++mantissa_digits)
            ascii[i++] = static_cast<char>(*p);
    }
    if (mantissa_digits == 0)
        return kNaN;
    if (p < end && (*p == 'e' || *p == 'E')) {
        ascii[i++] = 'e';
        ++p;
        if (p < end && (*p == '+' || *p == '-'))
            ascii[i++] = static_cast<char>(*p++);
        usize exponent_digits = 0;
        for (; p < end && is_digit(*p); ++p, ++exponent_digits)
            ascii[i++] = static_cast<char>(*p);
        if (exponent_digits == 0)
            return kNaN;
    }
    if (p != end)
        return kNaN;
    double value = parse_decimal(ascii, ascii + i);
    return negative ? -value : value;
}

} // namespace

// StringToNumber ( str )
// spec: https://tc39.es/ecma262/#sec-stringtonumber
double StringToNumber(std::span<u8 const> latin1)
{
    return string_to_number_impl(latin1.data(), latin1.data() + latin1.size());
}

double StringToNumber(std::span<char16_t const> utf16)
{
    return string_to_number_impl(utf16.data(), utf16.data() + utf16.size());
}

double string_to_number_ascii(std::string_view text)
{
    auto const* p = reinterpret_cast<u8 const*>(text.data());
    return string_to_number_impl(p, p + text.size());
}

// ---------------------------------------------------------------------------------------------
// ToInt32 and friends

namespace {

// The integer part of `number` modulo 2^32, in 0 .. 2^32 - 1 (0 for NaN and infinities).
u32 modulo_two_to_32(double number)
{
    if (!std::isfinite(number))
        return 0;
    double integer = std::trunc(number);
    if (integer >= 0 && integer < 4294967296.0)
        return static_cast<u32>(integer);
    double m = std::fmod(integer, 4294967296.0); // exact
    if (m < 0)
        m += 4294967296.0;
    return static_cast<u32>(m);
}

} // namespace

// ToInt32 ( argument ), applied to a Number
// spec: https://tc39.es/ecma262/#sec-toint32
i32 ToInt32(double number)
{
    // Fast path: values already in int32 range truncate directly.
    if (number > -2147483649.0 && number < 2147483648.0)
        return static_cast<i32>(number);
    return static_cast<i32>(modulo_two_to_32(number));
}

// ToUint32 ( argument ), applied to a Number
// spec: https://tc39.es/ecma262/#sec-touint32
u32 ToUint32(double number)
{
    return modulo_two_to_32(number);
}

// ToUint16 ( argument ), applied to a Number
// spec: https://tc39.es/ecma262/#sec-touint16
u16 ToUint16(double number)
{
    return static_cast<u16>(modulo_two_to_32(number));
}

} // namespace weft
