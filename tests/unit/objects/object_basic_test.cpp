// Object internal methods on one thread: add/get/set/delete, prototypes, accessors,
// DefineOwnProperty validation and OwnPropertyKeys order (expectations from ECMA-262).
#include "object_test_support.h"

namespace weft::test {
namespace {

using ObjectBasicTest = ObjectModelTest;

TEST_F(ObjectBasicTest, AddGetSetDelete)
{
    Object* o = make();
    EXPECT_TRUE(get(o, "x").is_undefined());
    EXPECT_EQ(o->create_data_property(m_vm, key("x"), num(1)), Outcome::True);
    EXPECT_EQ(get(o, "x"), num(1));
    EXPECT_TRUE(set(o, "x", num(2)));
    EXPECT_EQ(get(o, "x"), num(2));
    EXPECT_TRUE(o->has_property(m_vm, key("x")));
    EXPECT_EQ(o->delete_property(m_vm, key("x")), Outcome::True);
    EXPECT_FALSE(o->has_property(m_vm, key("x")));
    EXPECT_TRUE(get(o, "x").is_undefined());
    // Deleting an absent property succeeds (OrdinaryDelete step 2).
    EXPECT_EQ(o->delete_property(m_vm, key("x")), Outcome::True);
    // [[Set]] of an absent property creates a default data property.
    EXPECT_TRUE(set(o, "y", num(3)));
    auto d = o->get_own_property(m_vm, key("y"));
    ASSERT_TRUE(d);
    EXPECT_EQ(*d->value, num(3));
    EXPECT_TRUE(*d->writable && *d->enumerable && *d->configurable);
}

TEST_F(ObjectBasicTest, InlineAndOutOfLineSlots)
{
    for (u32 capacity : { 0u, 1u, 4u, 16u }) {
        Object* o = make(nullptr, capacity);
        for (int i = 0; i < 100; ++i)
            ASSERT_EQ(o->create_data_property(m_vm, key("p", i), num(i)), Outcome::True);
        for (int i = 0; i < 100; ++i)
            ASSERT_EQ(get_value(m_vm, o, key("p", i)), num(i)) << capacity << " " << i;
        for (int i = 0; i < 100; ++i)
            ASSERT_TRUE(set_value(m_vm, o, key("p", i), num(1000 + i)));
        for (int i = 0; i < 100; ++i)
            ASSERT_EQ(get_value(m_vm, o, key("p", i)), num(1000 + i));
    }
}

TEST_F(ObjectBasicTest, PrototypeChainGetAndShadowing)
{
    Object* grand = make();
    Object* proto = make(grand);
    Object* o = make(proto);
    EXPECT_EQ(o->get_prototype_of(), proto);
    EXPECT_EQ(proto->get_prototype_of(), grand);
    ASSERT_EQ(grand->create_data_property(m_vm, key("g"), num(7)), Outcome::True);
    ASSERT_EQ(proto->create_data_property(m_vm, key("p"), num(5)), Outcome::True);
    EXPECT_EQ(get(o, "g"), num(7));
    EXPECT_EQ(get(o, "p"), num(5));
    EXPECT_TRUE(o->has_property(m_vm, key("g")));
    EXPECT_FALSE(o->get_own_property(m_vm, key("p")));
    // [[Set]] through a writable inherited data property creates an own property on the receiver.
    EXPECT_TRUE(set(o, "p", num(6)));
    EXPECT_EQ(get(o, "p"), num(6));
    EXPECT_EQ(get(proto, "p"), num(5));
    // An inherited non-writable property blocks [[Set]] (OrdinarySetWithOwnDescriptor 2.a).
    ASSERT_EQ(define(grand, key("ro"), PropertyDescriptor::data(num(1), PropertyAttributes::data(false, true, true))), Outcome::True);
    EXPECT_FALSE(set(o, "ro", num(2)));
    EXPECT_FALSE(o->get_own_property(m_vm, key("ro")));
    // ... but defineProperty on the receiver is not blocked.
    EXPECT_EQ(o->create_data_property(m_vm, key("ro"), num(3)), Outcome::True);
    EXPECT_EQ(get(o, "ro"), num(3));
}

TEST_F(ObjectBasicTest, SetPrototypeOfAndCycleCheck)
{
    Object* a = make();
    Object* b = make();
    Object* c = make();
    EXPECT_EQ(a->set_prototype_of(m_vm, b), Outcome::True);
    EXPECT_EQ(b->set_prototype_of(m_vm, c), Outcome::True);
    // OrdinarySetPrototypeOf step 8: a cycle is refused.
    EXPECT_EQ(c->set_prototype_of(m_vm, a), Outcome::False);
    EXPECT_EQ(a->set_prototype_of(m_vm, a), Outcome::False);
    EXPECT_EQ(c->get_prototype_of(), nullptr);
    // Properties survive a prototype change; inherited lookups follow the new chain.
    ASSERT_EQ(a->create_data_property(m_vm, key("own"), num(1)), Outcome::True);
    ASSERT_EQ(c->create_data_property(m_vm, key("inherited"), num(2)), Outcome::True);
    EXPECT_EQ(get(a, "inherited"), num(2));
    EXPECT_EQ(a->set_prototype_of(m_vm, nullptr), Outcome::True);
    EXPECT_TRUE(get(a, "inherited").is_undefined());
    EXPECT_EQ(get(a, "own"), num(1));
    // A non-extensible object refuses a different prototype but accepts the same one (steps 3, 5).
    EXPECT_EQ(a->prevent_extensions(m_vm), Outcome::True);
    EXPECT_EQ(a->set_prototype_of(m_vm, b), Outcome::False);
    EXPECT_EQ(a->set_prototype_of(m_vm, nullptr), Outcome::True);
}

TEST_F(ObjectBasicTest, Accessors)
{
    Object* o = make();
    Object* getter = make();
    Object* setter = make();
    ASSERT_EQ(define(o, key("acc"), PropertyDescriptor::accessor(Value::from_cell(getter), Value::from_cell(setter), true, true)), Outcome::True);
    GetResult g = o->get(m_vm, key("acc"));
    EXPECT_EQ(g.kind, GetResult::Kind::CallGetter);
    EXPECT_EQ(g.value, Value::from_cell(getter));
    SetResult s = o->set(m_vm, key("acc"), num(1));
    EXPECT_EQ(s.kind, SetResult::Kind::CallSetter);
    EXPECT_EQ(s.setter, Value::from_cell(setter));
    auto d = o->get_own_property(m_vm, key("acc"));
    ASSERT_TRUE(d && d->is_accessor_descriptor());
    EXPECT_EQ(*d->get, Value::from_cell(getter));
    EXPECT_EQ(*d->set, Value::from_cell(setter));
    EXPECT_FALSE(d->value.has_value());
    // Redefining only [[Set]] keeps [[Get]] (ValidateAndApplyPropertyDescriptor step 6.c).
    PropertyDescriptor only_set;
    only_set.set = Value::undefined();
    ASSERT_EQ(define(o, key("acc"), only_set), Outcome::True);
    d = o->get_own_property(m_vm, key("acc"));
    EXPECT_EQ(*d->get, Value::from_cell(getter));
    EXPECT_TRUE(d->set->is_undefined());
    // [[Set]] with an undefined setter fails (OrdinarySetWithOwnDescriptor step 6).
    s = o->set(m_vm, key("acc"), num(1));
    EXPECT_EQ(s.kind, SetResult::Kind::Done);
    EXPECT_FALSE(s.succeeded);
    // An inherited accessor: [[Set]] on the child calls the setter, [[Get]] the getter.
    Object* child = make(o);
    EXPECT_EQ(child->get(m_vm, key("acc")).kind, GetResult::Kind::CallGetter);
    // Accessor -> data on a configurable property (step 6.b): attributes reset to defaults.
    PropertyDescriptor to_data;
    to_data.value = num(9);
    ASSERT_EQ(define(o, key("acc"), to_data), Outcome::True);
    d = o->get_own_property(m_vm, key("acc"));
    ASSERT_TRUE(d && d->is_data_descriptor());
    EXPECT_EQ(*d->value, num(9));
    EXPECT_FALSE(*d->writable);
    EXPECT_TRUE(*d->enumerable && *d->configurable);
}

TEST_F(ObjectBasicTest, DefineOwnPropertyValidation)
{
    Object* o = make();
    PropertyKey k = key("k");
    // Absent + partial descriptor: missing attributes default to false (step 2.d).
    PropertyDescriptor partial;
    partial.value = num(1);
    ASSERT_EQ(define(o, k, partial), Outcome::True);
    auto d = o->get_own_property(m_vm, k);
    EXPECT_FALSE(*d->writable || *d->enumerable || *d->configurable);
    // Non-configurable, non-writable: same value succeeds, a different one fails (step 5.e).
    EXPECT_EQ(define(o, k, partial), Outcome::True);
    PropertyDescriptor other;
    other.value = num(2);
    EXPECT_EQ(define(o, k, other), Outcome::False);
    PropertyDescriptor make_configurable;
    make_configurable.configurable = true;
    EXPECT_EQ(define(o, k, make_configurable), Outcome::False);
    PropertyDescriptor make_enumerable;
    make_enumerable.enumerable = true;
    EXPECT_EQ(define(o, k, make_enumerable), Outcome::False);
    PropertyDescriptor make_writable;
    make_writable.writable = true;
    EXPECT_EQ(define(o, k, make_writable), Outcome::False);
    EXPECT_EQ(define(o, k, PropertyDescriptor::accessor(Value::undefined(), Value::undefined(), false, false)), Outcome::False);
    EXPECT_EQ(define(o, k, PropertyDescriptor {}), Outcome::True);
    EXPECT_EQ(get(o, "k"), num(1));
    EXPECT_EQ(o->delete_property(m_vm, k), Outcome::False);
    // SameValue: NaN equals NaN, +0 differs from -0.
    PropertyDescriptor nan;
    nan.value = Value::from_double(std::nan(""));
    ASSERT_EQ(define(o, key("nan"), nan), Outcome::True);
    EXPECT_EQ(define(o, key("nan"), nan), Outcome::True);
    PropertyDescriptor zero;
    zero.value = num(0);
    ASSERT_EQ(define(o, key("zero"), zero), Outcome::True);
    PropertyDescriptor minus_zero;
    minus_zero.value = Value::from_double(-0.0);
    EXPECT_EQ(define(o, key("zero"), minus_zero), Outcome::False);
    // Non-configurable but writable: the value may change and writable may become false.
    ASSERT_EQ(define(o, key("w"), PropertyDescriptor::data(num(1), PropertyAttributes::data(true, true, false))), Outcome::True);
    EXPECT_TRUE(set(o, "w", num(2)));
    PropertyDescriptor freeze_w;
    freeze_w.writable = false;
    EXPECT_EQ(define(o, key("w"), freeze_w), Outcome::True);
    EXPECT_EQ(get(o, "w"), num(2));
    EXPECT_FALSE(set(o, "w", num(3)));
    EXPECT_EQ(get(o, "w"), num(2));
}

TEST_F(ObjectBasicTest, OwnPropertyKeysOrder)
{
    Object* o = make();
    String* description = string_from_utf8(m_vm, "s");
    Symbol* s1 = symbol_create(m_vm, description);
    Symbol* s2 = symbol_create(m_vm, description);
    ASSERT_TRUE(s1 && s2);
    ASSERT_EQ(o->create_data_property(m_vm, PropertyKey::from_symbol(s1), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("b"), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, index_key(10), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("a"), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, index_key(2), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, PropertyKey::from_symbol(s2), num(0)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("c"), num(0)), Outcome::True);
    ASSERT_EQ(o->delete_property(m_vm, key("a")), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("a"), num(0)), Outcome::True);
    std::vector<PropertyKey> expected = { index_key(2), index_key(10), key("b"), key("c"), key("a"),
        PropertyKey::from_symbol(s1), PropertyKey::from_symbol(s2) };
    EXPECT_EQ(o->own_property_keys(m_vm), expected);
    // Changing attributes keeps a key's place (it is the same property).
    PropertyDescriptor hide;
    hide.enumerable = false;
    ASSERT_EQ(define(o, key("b"), hide), Outcome::True);
    EXPECT_EQ(o->own_property_keys(m_vm), expected);
}

TEST_F(ObjectBasicTest, PreventExtensionsSealFreeze)
{
    Object* o = make();
    ASSERT_EQ(o->create_data_property(m_vm, key("x"), num(1)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, index_key(0), num(2)), Outcome::True);
    Object* getter = make();
    ASSERT_EQ(define(o, key("acc"), PropertyDescriptor::accessor(Value::from_cell(getter), Value::undefined(), true, true)), Outcome::True);
    EXPECT_TRUE(o->is_extensible());
    EXPECT_FALSE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Sealed));
    ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Sealed), Outcome::True);
    EXPECT_FALSE(o->is_extensible());
    EXPECT_TRUE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Sealed));
    EXPECT_FALSE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Frozen));
    // Sealed: writes succeed, adds and deletes fail.
    EXPECT_TRUE(set(o, "x", num(10)));
    EXPECT_TRUE(set(o, 0u, num(20)));
    EXPECT_FALSE(set(o, "y", num(1)));
    EXPECT_FALSE(set(o, 1u, num(1)));
    EXPECT_EQ(o->delete_property(m_vm, key("x")), Outcome::False);
    EXPECT_EQ(o->delete_property(m_vm, index_key(0)), Outcome::False);
    ASSERT_EQ(SetIntegrityLevel(m_vm, o, IntegrityLevel::Frozen), Outcome::True);
    EXPECT_TRUE(TestIntegrityLevel(m_vm, o, IntegrityLevel::Frozen));
    // Frozen: writes fail and the values are unchanged.
    EXPECT_FALSE(set(o, "x", num(11)));
    EXPECT_FALSE(set(o, 0u, num(21)));
    EXPECT_EQ(get(o, "x"), num(10));
    EXPECT_EQ(get(o, 0u), num(20));
    auto d = o->get_own_property(m_vm, index_key(0));
    ASSERT_TRUE(d);
    EXPECT_FALSE(*d->writable || *d->configurable);
    EXPECT_TRUE(*d->enumerable);
    // The accessor stays an accessor (frozen accessors keep their functions).
    EXPECT_EQ(o->get(m_vm, key("acc")).kind, GetResult::Kind::CallGetter);
    // An empty non-extensible object is sealed and frozen (TestIntegrityLevel).
    Object* e = make();
    ASSERT_EQ(e->prevent_extensions(m_vm), Outcome::True);
    EXPECT_TRUE(TestIntegrityLevel(m_vm, e, IntegrityLevel::Frozen));
    EXPECT_EQ(e->create_data_property(m_vm, key("z"), num(1)), Outcome::False);
    EXPECT_EQ(e->create_data_property(m_vm, index_key(5), num(1)), Outcome::False);
}

TEST_F(ObjectBasicTest, StringKeysCompareByContentAndSameValueOnStrings)
{
    Object* o = make();
    ASSERT_EQ(o->create_data_property(m_vm, key("name"), num(1)), Outcome::True);
    EXPECT_EQ(get_value(m_vm, o, to_property_key(m_vm, string_from_utf8(m_vm, "name"))), num(1));
    // Non-writable, non-configurable string value: a different String cell with equal content is SameValue.
    ASSERT_EQ(define(o, key("s"), PropertyDescriptor::data(Value::from_cell(string_from_utf8(m_vm, "abc")), PropertyAttributes::data(false, false, false))), Outcome::True);
    PropertyDescriptor same;
    same.value = Value::from_cell(string_from_utf8(m_vm, "abc"));
    EXPECT_EQ(define(o, key("s"), same), Outcome::True);
    same.value = Value::from_cell(string_from_utf8(m_vm, "abd"));
    EXPECT_EQ(define(o, key("s"), same), Outcome::False);
}

} // namespace
} // namespace weft::test
