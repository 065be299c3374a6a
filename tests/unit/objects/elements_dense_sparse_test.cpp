// Elements of ordinary objects: dense storage with holes, the sparse side table (huge indices,
// non-default attributes, accessors), index key order, integrity levels.
#include "object_test_support.h"

namespace weft::test {
namespace {

using ElementsTest = ObjectModelTest;

TEST_F(ElementsTest, DenseElementsAndHoles)
{
    Object* o = make();
    for (u32 i = 0; i < 100; i += 2)
        ASSERT_TRUE(set(o, i, num(int(i))));
    for (u32 i = 0; i < 100; ++i) {
        if (i % 2 == 0)
            ASSERT_EQ(get(o, i), num(int(i)));
        else
            ASSERT_FALSE(o->get_own_property(m_vm, index_key(i))) << i;
    }
    EXPECT_EQ(o->delete_property(m_vm, index_key(4)), Outcome::True);
    EXPECT_FALSE(o->has_property(m_vm, index_key(4)));
    auto keys = o->own_property_keys(m_vm);
    ASSERT_EQ(keys.size(), 49u);
    EXPECT_EQ(keys[0], index_key(0));
    EXPECT_EQ(keys[2], index_key(6));
    // An index on the prototype shows through a hole.
    Object* proto = make();
    ASSERT_TRUE(set(proto, 1u, num(-1)));
    ASSERT_EQ(o->set_prototype_of(m_vm, proto), Outcome::True);
    EXPECT_EQ(get(o, 1u), num(-1));
    EXPECT_EQ(get(o, 2u), num(2));
}

TEST_F(ElementsTest, HugeIndicesGoSparseAndSortWithDenseOnes)
{
    Object* o = make();
    ASSERT_TRUE(set(o, 4000000000u, num(1)));
    ASSERT_TRUE(set(o, 3u, num(2)));
    ASSERT_TRUE(set(o, 70000000u, num(3)));
    ASSERT_TRUE(set(o, PropertyKey::kMaxIndex, num(4)));
    EXPECT_EQ(get(o, 4000000000u), num(1));
    EXPECT_EQ(get(o, 3u), num(2));
    EXPECT_EQ(get(o, 70000000u), num(3));
    EXPECT_EQ(get(o, PropertyKey::kMaxIndex), num(4));
    std::vector<PropertyKey> expected = { index_key(3), index_key(70000000u), index_key(4000000000u), index_key(PropertyKey::kMaxIndex) };
    EXPECT_EQ(o->own_property_keys(m_vm), expected);
    EXPECT_EQ(o->delete_property(m_vm, index_key(4000000000u)), Outcome::True);
    EXPECT_FALSE(o->has_property(m_vm, index_key(4000000000u)));
    EXPECT_TRUE(set(o, 3u, num(5)));
    EXPECT_EQ(get(o, 3u), num(5));
}

TEST_F(ElementsTest, NonDefaultAttributesAndAccessorsOnIndices)
{
    Object* o = make();
    ASSERT_TRUE(set(o, 0u, num(0)));
    ASSERT_TRUE(set(o, 1u, num(1)));
    ASSERT_EQ(o->define_own_property(m_vm, index_key(1), PropertyDescriptor::data(num(10), PropertyAttributes::data(false, true, false))), Outcome::True);
    EXPECT_FALSE(set(o, 1u, num(11)));
    EXPECT_EQ(get(o, 1u), num(10));
    EXPECT_EQ(o->delete_property(m_vm, index_key(1)), Outcome::False);
    auto d = o->get_own_property(m_vm, index_key(1));
    ASSERT_TRUE(d);
    EXPECT_FALSE(*d->writable || *d->configurable);
    // Other indices keep working beside the sparse one.
    EXPECT_TRUE(set(o, 0u, num(100)));
    EXPECT_EQ(get(o, 0u), num(100));
    Object* getter = make();
    ASSERT_EQ(o->define_own_property(m_vm, index_key(2), PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, true)), Outcome::True);
    GetResult g = o->get(m_vm, index_key(2));
    EXPECT_EQ(g.kind, GetResult::Kind::CallGetter);
    EXPECT_EQ(g.value, Value::from_cell(getter));
    EXPECT_FALSE(set(o, 2u, num(1))); // no setter
    std::vector<PropertyKey> expected = { index_key(0), index_key(1), index_key(2) };
    EXPECT_EQ(o->own_property_keys(m_vm), expected);
    EXPECT_EQ(o->delete_property(m_vm, index_key(2)), Outcome::True);
    EXPECT_FALSE(o->has_property(m_vm, index_key(2)));
}

TEST_F(ElementsTest, IntegrityLevelsApplyToElements)
{
    Object* o = make();
    for (u32 i = 0; i < 20; ++i)
        ASSERT_TRUE(set(o, i, num(int(i))));
    ASSERT_EQ(o->prevent_extensions(m_vm), Outcome::True);
    EXPECT_FALSE(set(o, 20u, num(1)));
    EXPECT_FALSE(o->has_property(m_vm, index_key(20)));
    EXPECT_TRUE(set(o, 5u, num(50)));
    EXPECT_EQ(o->delete_property(m_vm, index_key(6)), Outcome::True);
    EXPECT_FALSE(set(o, 6u, num(1))); // re-adding a deleted index is an add
    ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Sealed), Outcome::True);
    EXPECT_EQ(o->delete_property(m_vm, index_key(7)), Outcome::False);
    EXPECT_TRUE(set(o, 7u, num(70)));
    ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Frozen), Outcome::True);
    EXPECT_FALSE(set(o, 7u, num(71)));
    EXPECT_EQ(get(o, 7u), num(70));
    EXPECT_EQ(get(o, 5u), num(50));
    EXPECT_TRUE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Frozen));
    PropertyDescriptor change;
    change.value = num(1);
    EXPECT_EQ(o->define_own_property(m_vm, index_key(8), change), Outcome::False);
    change.value = num(8);
    EXPECT_EQ(o->define_own_property(m_vm, index_key(8), change), Outcome::True); // SameValue: no change
}

} // namespace
} // namespace weft::test
