// Dictionary mode: the switch (many properties, many deletes/changes) keeps every property,
// its attributes and its place in the key order; later operations work under the lock.
#include "object_test_support.h"

#include "objects/shape.h"

namespace weft::test {
namespace {

using DictionaryTest = ObjectModelTest;

TEST_F(DictionaryTest, ManyPropertiesSwitchAndKeepEverything)
{
    Object* o = make();
    const int n = int(Shape::kMaxShapeProperties) + 500;
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(o->create_data_property(m_vm, key("p", i), num(i)), Outcome::True);
    EXPECT_TRUE(o->shape_acquire()->is_dictionary());
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(get(o, "p" + std::to_string(i)), num(i));
    auto keys = o->own_property_keys(m_vm);
    ASSERT_EQ(keys.size(), usize(n));
    for (int i = 0; i < n; ++i)
        ASSERT_EQ(keys[i], key("p", i)) << i;
}

TEST_F(DictionaryTest, ManyDeletesSwitchAndKeepTheRest)
{
    Object* o = make();
    for (int i = 0; i < 100; ++i)
        ASSERT_EQ(o->create_data_property(m_vm, key("p", i), num(i)), Outcome::True);
    // A non-default attribute and an accessor must survive the switch.
    ASSERT_EQ(o->define_own_property(m_vm, key("ro"), PropertyDescriptor::data(num(7), PropertyAttributes::data(false, false, false))), Outcome::True);
    Object* getter = make();
    ASSERT_EQ(o->define_own_property(m_vm, key("acc"), PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, true)), Outcome::True);
    for (int i = 0; i < 100; i += 2)
        ASSERT_EQ(o->delete_property(m_vm, key("p", i)), Outcome::True);
    EXPECT_TRUE(o->shape_acquire()->is_dictionary());
    for (int i = 0; i < 100; ++i) {
        if (i % 2)
            ASSERT_EQ(get(o, "p" + std::to_string(i)), num(i));
        else
            ASSERT_FALSE(o->get_own_property(m_vm, key("p", i)));
    }
    auto ro = o->get_own_property(m_vm, key("ro"));
    ASSERT_TRUE(ro);
    EXPECT_FALSE(*ro->writable || *ro->enumerable || *ro->configurable);
    EXPECT_FALSE(set(o, "ro", num(8)));
    EXPECT_EQ(o->delete_property(m_vm, key("ro")), Outcome::False);
    EXPECT_EQ(o->get(m_vm, key("acc")).kind, GetResult::Kind::CallGetter);
    // Key order: survivors in creation order, then ro, acc; a re-added key goes last.
    ASSERT_EQ(o->create_data_property(m_vm, key("p0"), num(-1)), Outcome::True);
    auto keys = o->own_property_keys(m_vm);
    ASSERT_EQ(keys.size(), 53u);
    EXPECT_EQ(keys[0], key("p1"));
    EXPECT_EQ(keys[49], key("p99"));
    EXPECT_EQ(keys[50], key("ro"));
    EXPECT_EQ(keys[51], key("acc"));
    EXPECT_EQ(keys[52], key("p0"));
}

TEST_F(DictionaryTest, IntegrityPrototypeAndRedefinitionInDictionaryMode)
{
    Object* o = make();
    for (int i = 0; i < 60; ++i) {
        ASSERT_EQ(o->create_data_property(m_vm, key("x"), num(i)), Outcome::True);
        ASSERT_EQ(o->delete_property(m_vm, key("x")), Outcome::True);
    }
    ASSERT_TRUE(o->shape_acquire()->is_dictionary());
    ASSERT_EQ(o->create_data_property(m_vm, key("a"), num(1)), Outcome::True);
    Object* proto = make();
    ASSERT_EQ(proto->create_data_property(m_vm, key("inherited"), num(2)), Outcome::True);
    ASSERT_EQ(o->set_prototype_of(m_vm, proto), Outcome::True);
    EXPECT_EQ(o->get_prototype_of(), proto);
    EXPECT_EQ(get(o, "inherited"), num(2));
    EXPECT_EQ(get(o, "a"), num(1));
    Object* getter = make();
    ASSERT_EQ(o->define_own_property(m_vm, key("a"), PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, true)), Outcome::True);
    EXPECT_EQ(o->get(m_vm, key("a")).kind, GetResult::Kind::CallGetter);
    ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Frozen), Outcome::True);
    EXPECT_TRUE(o->shape_acquire()->is_dictionary());
    EXPECT_TRUE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Frozen));
    EXPECT_FALSE(set(o, "b", num(1)));
    EXPECT_EQ(o->set_prototype_of(m_vm, nullptr), Outcome::False);
}

} // namespace
} // namespace weft::test
