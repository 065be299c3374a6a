// Array exotic objects: length tracks writes, shrinking deletes, read-only length, push,
// non-configurable elements stop a shrink, "length" as a property (ECMA-262 10.4.2).
#include "object_test_support.h"

namespace weft::test {
namespace {

using ArrayTest = ObjectModelTest;

TEST_F(ArrayTest, WritingBeyondTheLengthGrowsIt)
{
    ArrayObject* a = make_array();
    EXPECT_EQ(a->length_acquire(), 0u);
    ASSERT_TRUE(set(a, 0u, num(1)));
    EXPECT_EQ(a->length_acquire(), 1u);
    ASSERT_TRUE(set(a, 9u, num(2)));
    EXPECT_EQ(a->length_acquire(), 10u);
    EXPECT_FALSE(a->has_property(m_vm, index_key(5))); // a hole
    EXPECT_EQ(get(a, 9u), num(2));
    ASSERT_TRUE(set(a, 3u, num(3)));
    EXPECT_EQ(a->length_acquire(), 10u);
    ArrayObject* b = make_array(5);
    EXPECT_EQ(b->length_acquire(), 5u);
    EXPECT_TRUE(b->own_property_keys(m_vm).size() == 1); // only "length"
}

TEST_F(ArrayTest, SettingLengthShrinksAndRegrowsWithHoles)
{
    ArrayObject* a = make_array();
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(a->push(m_vm, num(i)), Outcome::True);
    ASSERT_EQ(a->set_length(m_vm, 10), Outcome::True);
    EXPECT_EQ(a->length_acquire(), 10u);
    EXPECT_FALSE(a->has_property(m_vm, index_key(10)));
    EXPECT_EQ(get(a, 9u), num(9));
    ASSERT_EQ(a->set_length(m_vm, 50), Outcome::True);
    EXPECT_FALSE(a->has_property(m_vm, index_key(20))); // deleted, not resurrected
    EXPECT_EQ(a->own_property_keys(m_vm).size(), 11u);
    ASSERT_EQ(a->set_length(m_vm, 0), Outcome::True);
    EXPECT_EQ(a->own_property_keys(m_vm).size(), 1u);
}

TEST_F(ArrayTest, LengthAsAProperty)
{
    ArrayObject* a = make_array(3);
    PropertyKey length = PropertyKey::from_atom(common_names(m_vm).length);
    auto d = a->get_own_property(m_vm, length);
    ASSERT_TRUE(d);
    EXPECT_EQ(*d->value, num(3));
    EXPECT_TRUE(*d->writable);
    EXPECT_FALSE(*d->enumerable || *d->configurable);
    EXPECT_EQ(get_value(m_vm, a, length), num(3));
    // [[Set]] of "length" goes through ArraySetLength.
    EXPECT_TRUE(set_value(m_vm, a, length, num(7)));
    EXPECT_EQ(a->length_acquire(), 7u);
    EXPECT_EQ(a->delete_property(m_vm, length), Outcome::False);
    // A non-integral length is refused (the caller throws RangeError).
    PropertyDescriptor bad;
    bad.value = Value::from_double(1.5);
    EXPECT_EQ(a->define_own_property(m_vm, length, bad), Outcome::False);
    PropertyDescriptor configurable;
    configurable.configurable = true;
    EXPECT_EQ(a->define_own_property(m_vm, length, configurable), Outcome::False);
    // Keys: indices, then "length", then other strings.
    ASSERT_TRUE(set(a, "name", num(1)));
    ASSERT_TRUE(set(a, 1u, num(1)));
    std::vector<PropertyKey> expected = { index_key(1), length, key("name") };
    EXPECT_EQ(a->own_property_keys(m_vm), expected);
}

TEST_F(ArrayTest, ReadOnlyLength)
{
    ArrayObject* a = make_array();
    ASSERT_EQ(a->push(m_vm, num(1)), Outcome::True);
    ASSERT_EQ(a->push(m_vm, num(2)), Outcome::True);
    PropertyKey length = PropertyKey::from_atom(common_names(m_vm).length);
    PropertyDescriptor ro;
    ro.writable = false;
    ASSERT_EQ(a->define_own_property(m_vm, length, ro), Outcome::True);
    EXPECT_FALSE(a->length_writable());
    // ArrayDefineOwnProperty 3.f-g: no index at or beyond a read-only length.
    EXPECT_FALSE(set(a, 2u, num(3)));
    EXPECT_EQ(a->push(m_vm, num(3)), Outcome::False);
    EXPECT_EQ(a->length_acquire(), 2u);
    EXPECT_TRUE(set(a, 1u, num(20)));
    EXPECT_EQ(get(a, 1u), num(20));
    EXPECT_EQ(a->set_length(m_vm, 1), Outcome::False);
    EXPECT_EQ(a->set_length(m_vm, 2), Outcome::True); // same value: allowed
}

TEST_F(ArrayTest, NonConfigurableElementStopsAShrink)
{
    ArrayObject* a = make_array();
    for (int i = 0; i < 10; ++i)
        ASSERT_EQ(a->push(m_vm, num(i)), Outcome::True);
    ASSERT_EQ(a->define_own_property(m_vm, index_key(5), PropertyDescriptor::data(num(5), PropertyAttributes::data(true, true, false))), Outcome::True);
    // ArraySetLength 17.b: deletion stops at index 5; length becomes 6 and the result is false.
    EXPECT_EQ(a->set_length(m_vm, 2), Outcome::False);
    EXPECT_EQ(a->length_acquire(), 6u);
    EXPECT_EQ(get(a, 5u), num(5));
    EXPECT_EQ(get(a, 4u), num(4));
    // A sealed array cannot shrink below its last element.
    ArrayObject* b = make_array();
    for (int i = 0; i < 4; ++i)
        ASSERT_EQ(b->push(m_vm, num(i)), Outcome::True);
    ASSERT_EQ(SetIntegrityLevel(m_vm, b, IntegrityLevel::Sealed), Outcome::True);
    EXPECT_EQ(b->set_length(m_vm, 0), Outcome::False);
    EXPECT_EQ(b->length_acquire(), 4u);
    ASSERT_EQ(SetIntegrityLevel(m_vm, b, IntegrityLevel::Frozen), Outcome::True);
    EXPECT_FALSE(b->length_writable());
    EXPECT_TRUE(TestIntegrityLevel(m_vm, b, IntegrityLevel::Frozen));
}

TEST_F(ArrayTest, PushGrowsAcrossSegments)
{
    ArrayObject* a = make_array();
    for (int i = 0; i < 50000; ++i)
        ASSERT_EQ(a->push(m_vm, num(i)), Outcome::True);
    EXPECT_EQ(a->length_acquire(), 50000u);
    for (u32 i = 0; i < 50000; i += 997)
        ASSERT_EQ(get(a, i), num(int(i)));
    EXPECT_EQ(get(a, 49999u), num(49999));
}

} // namespace
} // namespace weft::test
