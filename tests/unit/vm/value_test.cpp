// Tests of the NaN-boxed Value encoding and AtomicValue.
#include "vm/value.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>
#include <vector>

namespace weft {
namespace {

TEST(Value, ImmediatesAreDistinctAndClassified)
{
    Value values[] = { Value::undefined(), Value::null(), Value::boolean(false), Value::boolean(true), Value::empty() };
    for (usize i = 0; i < std::size(values); ++i) {
        for (usize j = 0; j < std::size(values); ++j)
            EXPECT_EQ(values[i] == values[j], i == j) << i << " vs " << j;
        EXPECT_FALSE(values[i].is_number());
        EXPECT_FALSE(values[i].is_cell());
    }
    EXPECT_TRUE(Value::undefined().is_undefined());
    EXPECT_TRUE(Value::undefined().is_nullish());
    EXPECT_TRUE(Value::null().is_nullish());
    EXPECT_FALSE(Value::boolean(false).is_nullish());
    EXPECT_FALSE(Value::empty().is_nullish());
    EXPECT_TRUE(Value::boolean(true).is_boolean());
    EXPECT_TRUE(Value::boolean(true).as_bool());
    EXPECT_FALSE(Value::boolean(false).as_bool());
    EXPECT_FALSE(Value::null().is_boolean());
    EXPECT_TRUE(Value().is_undefined()) << "a default Value is undefined";
}

TEST(Value, Int32RoundTrips)
{
    for (i32 i : { 0, 1, -1, 42, std::numeric_limits<i32>::max(), std::numeric_limits<i32>::min() }) {
        Value v = Value::from_i32(i);
        EXPECT_TRUE(v.is_int32());
        EXPECT_TRUE(v.is_number());
        EXPECT_FALSE(v.is_double());
        EXPECT_FALSE(v.is_cell());
        EXPECT_EQ(v.as_i32(), i);
        EXPECT_EQ(v.as_number(), static_cast<double>(i));
    }
}

TEST(Value, DoublesRoundTripBitExactly)
{
    double cases[] = { 0.0, -0.0, 0.5, -1.5, 1e300, -1e-300, 5e-324, std::numeric_limits<double>::max(),
        std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), 4294967296.0 };
    for (double d : cases) {
        Value v = Value::from_double(d);
        EXPECT_TRUE(v.is_double()) << d;
        EXPECT_FALSE(v.is_int32()) << d;
        EXPECT_FALSE(v.is_cell()) << d;
        EXPECT_EQ(std::bit_cast<u64>(v.as_double()), std::bit_cast<u64>(d)) << d;
    }
}

TEST(Value, EveryNaNIsCanonicalised)
{
    u64 nan_payloads[] = { 0x7ff8000000000000ULL, 0x7ff0000000000001ULL, 0xfff8000000000000ULL, 0xffffffffffffffffULL,
        0x7fffffffffffffffULL, 0xfff0000000000001ULL };
    for (u64 bits : nan_payloads) {
        double nan = std::bit_cast<double>(bits);
        ASSERT_TRUE(std::isnan(nan));
        Value v = Value::from_double(nan);
        EXPECT_TRUE(v.is_double()) << std::hex << bits;
        EXPECT_FALSE(v.is_cell()) << "a NaN payload must never look like a pointer";
        EXPECT_TRUE(std::isnan(v.as_double()));
        EXPECT_EQ(v, Value::from_double(std::numeric_limits<double>::quiet_NaN())) << "one NaN encoding";
    }
}

TEST(Value, FromNumberPrefersInt32ButKeepsNegativeZero)
{
    EXPECT_TRUE(Value::from_number(3.0).is_int32());
    EXPECT_TRUE(Value::from_number(-2147483648.0).is_int32());
    EXPECT_TRUE(Value::from_number(2147483648.0).is_double());
    EXPECT_TRUE(Value::from_number(0.5).is_double());
    Value negative_zero = Value::from_number(-0.0);
    ASSERT_TRUE(negative_zero.is_double());
    EXPECT_TRUE(std::signbit(negative_zero.as_double()));
    EXPECT_TRUE(Value::from_u64(0x7fffffff).is_int32());
    EXPECT_EQ(Value::from_u64(0x80000000ULL).as_number(), 2147483648.0);
}

TEST(Value, CellPointersAreRecognised)
{
    alignas(16) static u64 fake_cell_storage[2] = {};
    auto* cell = reinterpret_cast<Cell*>(fake_cell_storage);
    Value v = Value::from_cell(cell);
    EXPECT_TRUE(v.is_cell());
    EXPECT_FALSE(v.is_number());
    EXPECT_FALSE(v.is_nullish());
    EXPECT_EQ(v.as_cell(), cell);
}

TEST(AtomicValue, ConcurrentWritersNeverTear)
{
    // Two writers store distinct whole Values; a reader must only ever see one of them.
    AtomicValue slot(Value::from_double(1.5));
    Value a = Value::from_double(1.5);
    Value b = Value::from_i32(-7);
    std::atomic<bool> stop { false };
    std::thread writer([&] {
        for (int i = 0; i < 200000; ++i)
            slot.store_relaxed((i & 1) ? a : b);
        stop.store(true);
    });
    u64 torn = 0;
    while (!stop.load()) {
        Value seen = slot.load_relaxed();
        if (!(seen == a) && !(seen == b))
            ++torn;
    }
    writer.join();
    EXPECT_EQ(torn, 0u);
}

TEST(AtomicValue, CompareExchangeReportsCurrentValue)
{
    AtomicValue slot(Value::from_i32(1));
    Value expected = Value::from_i32(2);
    EXPECT_FALSE(slot.compare_exchange_seq_cst(expected, Value::from_i32(3)));
    EXPECT_EQ(expected, Value::from_i32(1));
    EXPECT_TRUE(slot.compare_exchange_seq_cst(expected, Value::from_i32(3)));
    EXPECT_EQ(slot.load_seq_cst(), Value::from_i32(3));
}

} // namespace
} // namespace weft
