// Objects survive collections with every property intact: inline and out-of-line slots,
// accessors, elements (dense and sparse), dictionary mode, prototypes, shapes and their keys.
#include "object_test_support.h"

#include <cstring>

namespace weft::test {
namespace {

class ObjectGcTest : public ObjectModelTest {
protected:
    // Garbage that fills the heap between collections so freed cells get reused.
    void churn(int n)
    {
        for (int i = 0; i < n; ++i) {
            Object* o = make();
            (void)o->create_data_property(m_vm, key("junk" + std::to_string(i % 50)), num(i));
        }
    }
};

WEFT_NOINLINE Object* build_everything(Vm& vm, ObjectGcTest* t)
{
    Object* proto = Object::try_create(vm, nullptr);
    (void)proto->create_data_property(vm, key(vm, "inherited"), num(-1));
    Object* o = Object::try_create(vm, proto, 2);
    for (int i = 0; i < 40; ++i)
        (void)o->create_data_property(vm, key(vm, "p", i), Value::from_cell(string_from_utf8(vm, "value" + std::to_string(i))));
    Object* getter = Object::try_create(vm, nullptr);
    (void)getter->create_data_property(vm, key(vm, "marker"), num(42));
    (void)o->define_own_property(vm, key(vm, "acc"), PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, true));
    for (u32 i = 0; i < 300; ++i)
        (void)o->create_data_property(vm, index_key(i), num(int(i) * 3));
    (void)o->create_data_property(vm, index_key(3000000000u), num(7));
    Object* dict = Object::try_create(vm, nullptr);
    for (int i = 0; i < 1200; ++i)
        (void)dict->create_data_property(vm, key(vm, "d", i), num(i));
    (void)o->create_data_property(vm, key(vm, "dict"), Value::from_cell(dict));
    return o;
}

TEST_F(ObjectGcTest, EveryKindOfPropertySurvivesCollections)
{
    Object* o = build_everything(m_vm, this);
    u64 before = m_runtime.heap().stats().collections;
    for (int round = 0; round < 3; ++round) {
        churn(2000);
        m_runtime.heap().collect(m_vm.mutator());
    }
    EXPECT_GE(m_runtime.heap().stats().collections, before + 3);
    for (int i = 0; i < 40; ++i) {
        Value v = get(o, "p" + std::to_string(i));
        ASSERT_TRUE(v.is_cell());
        EXPECT_TRUE(string_equals(reinterpret_cast<String*>(v.as_cell()), "value" + std::to_string(i)));
    }
    EXPECT_EQ(get(o, "inherited"), num(-1));
    GetResult g = o->get(m_vm, key("acc"));
    ASSERT_EQ(g.kind, GetResult::Kind::CallGetter);
    EXPECT_EQ(get(reinterpret_cast<Object*>(g.value.as_cell()), "marker"), num(42));
    for (u32 i = 0; i < 300; ++i)
        ASSERT_EQ(get(o, i), num(int(i) * 3));
    EXPECT_EQ(get(o, 3000000000u), num(7));
    Value dict = get(o, "dict");
    ASSERT_TRUE(dict.is_cell());
    auto* d = reinterpret_cast<Object*>(dict.as_cell());
    EXPECT_TRUE(d->shape_acquire()->is_dictionary());
    for (int i = 0; i < 1200; ++i)
        ASSERT_EQ(get(d, "d" + std::to_string(i)), num(i));
    // Shapes are still shared after a collection (the transition survived: its child is alive).
    Object* twin = build_everything(m_vm, this);
    EXPECT_EQ(get(twin, "p39").is_cell(), true);
}

} // namespace
} // namespace weft::test
