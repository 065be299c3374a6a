// Tests for base/number_format: Number::toString (radix 10 and 2..36), StringToNumber, ToInt32.
// Every expected value was checked against Node 20 (String(x), x.toString(radix), Number(s)).
#include "base/number_format.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace weft {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

std::string to_string10(double x)
{
    char buffer[kMaxNumberChars];
    usize length = number_to_chars(x, buffer);
    EXPECT_LE(length, kMaxNumberChars);
    return std::string(buffer, length);
}

TEST(NumberFormat, Radix10MatchesNode)
{
    struct Case {
        double value;
        char const* expected;
    };
    Case const cases[] = {
        { 1e21, "1e+21" },
        { 1e-7, "1e-7" },
        { 123.456, "123.456" },
        { 5e-324, "5e-324" },
        { 1.7976931348623157e308, "1.7976931348623157e+308" },
        { 0.000001, "0.000001" },
        { -0.0, "0" },
        { 0.0, "0" },
        { 9007199254740992.0, "9007199254740992" },
        { 0.1 + 0.2, "0.30000000000000004" },
        { 100, "100" },
        { 1e20, "100000000000000000000" },
        { -1.5, "-1.5" },
        { 0.1, "0.1" },
        { 1.0 / 3.0, "0.3333333333333333" },
        { 123456789012345680000.0, "123456789012345680000" },
        { 1.5e-7, "1.5e-7" },
        { -1e-7, "-1e-7" },
        { 1e100, "1e+100" },
        { 4.35, "4.35" },
        { 2147483648.0, "2147483648" },
        { -2147483648.0, "-2147483648" },
        { 2147483647.0, "2147483647" },
        { 0.5, "0.5" },
        { 9.999999999999999e20, "999999999999999900000" },
        { 123e-20, "1.23e-18" },
        { 1.5e-323, "1.5e-323" },
        { 3.141592653589793, "3.141592653589793" },
        { -2.718281828459045, "-2.718281828459045" },
        { 1e301, "1e+301" },
        { kNaN, "NaN" },
        { kInf, "Infinity" },
        { -kInf, "-Infinity" },
        { -1.2345678901234567e-300, "-1.2345678901234568e-300" },
        { -0.0000012345678901234567, "-0.0000012345678901234567" },
    };
    for (auto const& c : cases)
        EXPECT_EQ(to_string10(c.value), c.expected) << "value " << c.value;
}

TEST(NumberFormat, Radix10ViaNumberToString)
{
    EXPECT_EQ(NumberToString(1e21), "1e+21");
    EXPECT_EQ(NumberToString(-0.0, 10), "0");
}

TEST(NumberFormat, OtherRadixMatchesNode)
{
    struct Case {
        char const* source;
        int radix;
        char const* expected;
    };
    Case const cases[] = {
        {"0.1", 2, "0.0001100110011001100110011001100110011001100110011001101"},
        {"0.5", 2, "0.1"},
        {"255", 16, "ff"},
        {"-255", 16, "-ff"},
        {"0.1", 3, "0.0022002200220022002200220022002201"},
        {"1/3", 3, "0.1"},
        {"Math.PI", 16, "3.243f6a8885a3"},
        {"Math.PI", 36, "3.53i5ab8p5f"},
        {"1e21", 36, "5v1j4f4ds7c000"},
        {"1e300", 2, "1011111100100001111001000100000000000011101011001110000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
        {"2**53+2", 7, "5350140446150306056"},
        {"-0.000001", 16, "-0.000010c6f7a0b5ed8d"},
        {"123.456", 8, "173.3513615237574734"},
        {"0.3", 5, "0.122222222222222222222222"},
        {"5e-324", 2, "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"},
        {"1.7976931348623157e308", 36, "1a1e4vngaiqo0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"},
        {"35.99", 36, "z.zn1fu8n1g"},
        {"0.999999", 36, "0.zzzybj7u3bs"},
        {"2**60", 2, "1000000000000000000000000000000000000000000000000000000000000"},
        {"-123456789.123", 20, "-1ibc1j9.294"},
        {"4.35", 32, "4.b6cpj6cpj6"},
        {"1e-7", 36, "0.000061oezo085tl"},
        {"0.000123", 7, "0.00002032033121650266164"},
        {"NaN", 2, "NaN"},
        {"-Infinity", 16, "-Infinity"},
        {"-0", 2, "0"},
    };
    auto value_of = [](std::string const& s) -> double {
        if (s == "0.1") return 0.1;
        if (s == "0.5") return 0.5;
        if (s == "255") return 255;
        if (s == "-255") return -255;
        if (s == "1/3") return 1.0 / 3.0;
        if (s == "Math.PI") return 3.141592653589793;
        if (s == "1e21") return 1e21;
        if (s == "1e300") return 1e300;
        if (s == "2**53+2") return 9007199254740994.0;
        if (s == "-0.000001") return -0.000001;
        if (s == "123.456") return 123.456;
        if (s == "0.3") return 0.3;
        if (s == "5e-324") return 5e-324;
        if (s == "1.7976931348623157e308") return 1.7976931348623157e308;
        if (s == "35.99") return 35.99;
        if (s == "0.999999") return 0.999999;
        if (s == "2**60") return 1152921504606846976.0;
        if (s == "-123456789.123") return -123456789.123;
        if (s == "4.35") return 4.35;
        if (s == "1e-7") return 1e-7;
        if (s == "0.000123") return 0.000123;
        if (s == "NaN") return kNaN;
        if (s == "-Infinity") return -kInf;
        if (s == "-0") return -0.0;
        ADD_FAILURE() << "unknown source " << s;
        return 0;
    };
    for (auto const& c : cases)
        EXPECT_EQ(NumberToString(value_of(c.source), c.radix), c.expected) << c.source << " radix " << c.radix;
}

TEST(NumberFormat, Int32ToChars)
{
    char buffer[kMaxInt32Chars];
    EXPECT_EQ(std::string(buffer, int32_to_chars(0, buffer)), "0");
    EXPECT_EQ(std::string(buffer, int32_to_chars(-2147483647 - 1, buffer)), "-2147483648");
    EXPECT_EQ(std::string(buffer, int32_to_chars(2147483647, buffer)), "2147483647");
    EXPECT_EQ(std::string(buffer, int32_to_chars(-7, buffer)), "-7");
}

struct StringCase {
    std::u16string_view text;
    double expected;
};

void expect_same_number(double actual, double expected, std::u16string_view text)
{
    std::string ascii;
    for (char16_t c : text)
        ascii += c < 0x80 ? static_cast<char>(c) : '?';
    if (std::isnan(expected)) {
        EXPECT_TRUE(std::isnan(actual)) << "\"" << ascii << "\" gave " << actual;
        return;
    }
    EXPECT_EQ(actual, expected) << "\"" << ascii << "\"";
    EXPECT_EQ(std::signbit(actual), std::signbit(expected)) << "\"" << ascii << "\" sign";
}

TEST(StringToNumber, MatchesNode)
{
    StringCase const cases[] = {
        { u"", 0.0 },
        { u"   ", 0.0 },
        { u"42", 42.0 },
        { u"  42  ", 42.0 },
        { u"\t\n\u000b\f\r 42\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff", 42.0 },
        { u"\u180e42", kNaN }, // U+180E is no longer white space (Unicode 6.3)
        { u"+42", 42.0 },
        { u"-42", -42.0 },
        { u"4.5e3", 4500.0 },
        { u"4.5E+3", 4500.0 },
        { u"4.5e-3", 0.0045 },
        { u".5", 0.5 },
        { u"5.", 5.0 },
        { u".", kNaN },
        { u"+.5", 0.5 },
        { u"-.5e1", -5.0 },
        { u"e5", kNaN },
        { u"1e", kNaN },
        { u"1e+", kNaN },
        { u"Infinity", kInf },
        { u"-Infinity", -kInf },
        { u"+Infinity", kInf },
        { u"infinity", kNaN },
        { u"INFINITY", kNaN },
        { u"Infinity1", kNaN },
        { u"0x1F", 31.0 },
        { u"0X1f", 31.0 },
        { u"0o17", 15.0 },
        { u"0O17", 15.0 },
        { u"0b101", 5.0 },
        { u"0B101", 5.0 },
        { u"-0x10", kNaN },
        { u"+0x10", kNaN },
        { u"0x", kNaN },
        { u"0b", kNaN },
        { u"0b2", kNaN },
        { u"0o8", kNaN },
        { u"0xg", kNaN },
        { u"1_000", kNaN },
        { u"1,000", kNaN },
        { u"12abc", kNaN },
        { u"0.0000001", 1e-7 },
        { u"1e400", kInf },
        { u"-1e400", -kInf },
        { u"1e-400", 0.0 },
        { u"-1e-400", -0.0 },
        { u"5e-324", 5e-324 },
        { u"2.4703282292062328e-324", 5e-324 },
        { u"2.4703282292062327e-324", 0.0 },
        { u"0x1fffffffffffff", 9007199254740991.0 },
        { u"0x20000000000001", 9007199254740992.0 },
        { u"0x20000000000003", 9007199254740996.0 },
        { u"0xfffffffffffff800", 18446744073709549568.0 },
        { u"0xfffffffffffffc00", 18446744073709551616.0 },
        { u"00012", 12.0 },
        { u"-0", -0.0 },
        { u"0.1e-5", 0.000001 },
        { u"1.7976931348623157e308", 1.7976931348623157e+308 },
        { u"1.7976931348623159e308", kInf },
        { u"123456789012345678901234567890", 1.2345678901234568e+29 },
        { u"0.00000000000000000000000000000000000000000000000000000001e56", 1.0 },
        { u"1 2", kNaN },
        { u"NaN", kNaN },
        { u"\u0663", kNaN }, // ARABIC-INDIC DIGIT THREE is not a DecimalDigit
        { u"\uff11", kNaN }, // FULLWIDTH DIGIT ONE
    };
    for (auto const& c : cases) {
        expect_same_number(StringToNumber(std::span<char16_t const>(c.text.data(), c.text.size())), c.expected, c.text);
        bool latin1 = true;
        std::basic_string<u8> bytes;
        for (char16_t u : c.text) {
            latin1 &= u < 0x100;
            bytes.push_back(static_cast<u8>(u));
        }
        if (latin1)
            expect_same_number(StringToNumber(std::span<u8 const>(bytes.data(), bytes.size())), c.expected, c.text);
    }
}

TEST(StringToNumber, LongInputs)
{
    // Longer than the inline buffer. Node: Number("1".repeat(400)) is Infinity.
    std::string many_ones(400, '1');
    EXPECT_EQ(string_to_number_ascii(many_ones), kInf);
    std::string long_fraction = "0." + std::string(300, '0') + "1"; // 1e-301
    EXPECT_EQ(string_to_number_ascii(long_fraction), 1e-301);
    std::string long_hex = "0x1" + std::string(300, '0'); // 2^1200 -> Infinity
    EXPECT_EQ(string_to_number_ascii(long_hex), kInf);
    std::string hex_255 = "0x1" + std::string(255, '0'); // 16^255 = 2^1020
    EXPECT_EQ(string_to_number_ascii(hex_255), std::ldexp(1.0, 1020));
}

TEST(ToInt32, MatchesNode)
{
    // Node: x | 0 and x >>> 0.
    EXPECT_EQ(ToInt32(0.0), 0);
    EXPECT_EQ(ToInt32(-0.0), 0);
    EXPECT_EQ(ToInt32(kNaN), 0);
    EXPECT_EQ(ToInt32(kInf), 0);
    EXPECT_EQ(ToInt32(-kInf), 0);
    EXPECT_EQ(ToInt32(3.9), 3);
    EXPECT_EQ(ToInt32(-3.9), -3);
    EXPECT_EQ(ToInt32(2147483648.0), -2147483647 - 1);
    EXPECT_EQ(ToInt32(4294967295.0), -1);
    EXPECT_EQ(ToInt32(4294967296.0), 0);
    EXPECT_EQ(ToInt32(4294967297.5), 1);
    EXPECT_EQ(ToInt32(-2147483649.0), 2147483647);
    EXPECT_EQ(ToInt32(1e20), 1661992960);   // 1e20 | 0
    EXPECT_EQ(ToInt32(-1e20), -1661992960); // -1e20 | 0
    EXPECT_EQ(ToInt32(9007199254740993.0), 0); // 2**53 + 1 rounds to 2**53 -> 0
    EXPECT_EQ(ToInt32(1.7976931348623157e308), 0);
    EXPECT_EQ(ToUint32(-1.0), 4294967295u);
    EXPECT_EQ(ToUint32(-1e20), 2632974336u); // -1e20 >>> 0
    EXPECT_EQ(ToUint32(4294967296.5), 0u);
    EXPECT_EQ(ToUint32(kNaN), 0u);
    EXPECT_EQ(ToUint16(65537.0), 1);
    EXPECT_EQ(ToUint16(-1.0), 65535);
}

TEST(NumberFormat, RoundTripsRandomDoubles)
{
    // Number::toString must round-trip through StringToNumber for every finite double.
    u64 state = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 20000; ++i) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        double x = std::bit_cast<double>(state);
        if (!std::isfinite(x))
            continue;
        char buffer[kMaxNumberChars];
        usize length = number_to_chars(x, buffer);
        double back = string_to_number_ascii(std::string_view(buffer, length));
        if (x == 0)
            EXPECT_EQ(back, 0.0);
        else
            EXPECT_EQ(std::bit_cast<u64>(back), std::bit_cast<u64>(x)) << std::string(buffer, length);
    }
}

} // namespace
} // namespace weft
