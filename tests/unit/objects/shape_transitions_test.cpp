// Shapes: transitions shared between objects with the same history, slots never reused, lazy
// property tables, attribute changes moving to fresh slots, root shapes per prototype.
#include "object_test_support.h"

#include "objects/shape.h"

#include <set>

namespace weft::test {
namespace {

using ShapeTest = ObjectModelTest;

TEST_F(ShapeTest, SameHistorySharesShapes)
{
    Object* a = make();
    Object* b = make();
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    for (Object* o : { a, b }) {
        ASSERT_EQ(o->create_data_property(m_vm, key("x"), num(1)), Outcome::True);
        ASSERT_EQ(o->create_data_property(m_vm, key("y"), num(2)), Outcome::True);
    }
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    // A different order is a different history.
    Object* c = make();
    ASSERT_EQ(c->create_data_property(m_vm, key("y"), num(2)), Outcome::True);
    ASSERT_EQ(c->create_data_property(m_vm, key("x"), num(1)), Outcome::True);
    EXPECT_NE(a->shape_acquire(), c->shape_acquire());
    // Different attributes are a different transition.
    Object* d = make();
    ASSERT_EQ(d->define_own_property(m_vm, key("x"), PropertyDescriptor::data(num(1), PropertyAttributes::data(false, true, true))), Outcome::True);
    ASSERT_EQ(d->create_data_property(m_vm, key("y"), num(2)), Outcome::True);
    EXPECT_NE(a->shape_acquire(), d->shape_acquire());
    // Deletes and prototype changes are shared too.
    for (Object* o : { a, b })
        ASSERT_EQ(o->delete_property(m_vm, key("x")), Outcome::True);
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    Object* proto = make();
    for (Object* o : { a, b })
        ASSERT_EQ(o->set_prototype_of(m_vm, proto), Outcome::True);
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    EXPECT_EQ(a->shape_acquire()->prototype(), proto);
}

TEST_F(ShapeTest, RootShapesPerPrototypeAndCapacity)
{
    Object* proto = make();
    Object* a = make(proto);
    Object* b = make(proto);
    Object* c = make(nullptr);
    Object* d = make(proto, 8);
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    EXPECT_NE(a->shape_acquire(), c->shape_acquire());
    EXPECT_NE(a->shape_acquire(), d->shape_acquire());
    EXPECT_EQ(d->shape_acquire()->inline_capacity(), 8u);
    EXPECT_EQ(d->inline_capacity(), 8u);
    EXPECT_EQ(a->get_prototype_of(), proto);
}

TEST_F(ShapeTest, DeletedSlotsAreNeverReused)
{
    Object* o = make(nullptr, 2);
    for (char const* name : { "a", "b", "c" })
        ASSERT_EQ(o->create_data_property(m_vm, key(name), num(1)), Outcome::True);
    u32 b_slot = o->shape_acquire()->lookup_no_gc(key("b"))->slot;
    ASSERT_EQ(o->delete_property(m_vm, key("b")), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("d"), num(4)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("b"), num(5)), Outcome::True);
    Shape* shape = o->shape_acquire();
    EXPECT_EQ(shape->property_count(), 4u);
    EXPECT_EQ(shape->next_slot(), 5u);
    std::set<u32> slots;
    for (char const* name : { "a", "c", "d", "b" }) {
        u32 slot = shape->lookup_no_gc(key(name))->slot;
        EXPECT_TRUE(slots.insert(slot).second);
        if (std::string_view(name) != "a" && std::string_view(name) != "c")
            EXPECT_NE(slot, b_slot) << name;
    }
    EXPECT_EQ(get(o, "b"), num(5));
    EXPECT_EQ(get(o, "d"), num(4));
}

TEST_F(ShapeTest, AttributeChangeMovesToAFreshSlotAndKeepsOrder)
{
    Object* o = make();
    ASSERT_EQ(o->create_data_property(m_vm, key("x"), num(1)), Outcome::True);
    ASSERT_EQ(o->create_data_property(m_vm, key("y"), num(2)), Outcome::True);
    u32 before = o->shape_acquire()->lookup_no_gc(key("x"))->slot;
    PropertyDescriptor ro;
    ro.writable = false;
    ASSERT_EQ(o->define_own_property(m_vm, key("x"), ro), Outcome::True);
    auto after = o->shape_acquire()->lookup_no_gc(key("x"));
    ASSERT_TRUE(after);
    EXPECT_NE(after->slot, before);
    EXPECT_FALSE(after->attributes.writable());
    EXPECT_EQ(get(o, "x"), num(1));
    std::vector<PropertyKey> expected = { key("x"), key("y") };
    EXPECT_EQ(o->own_property_keys(m_vm), expected);
}

TEST_F(ShapeTest, LargeShapesFindEveryPropertyThroughTheTable)
{
    Object* o = make();
    for (int i = 0; i < 200; ++i)
        ASSERT_EQ(o->create_data_property(m_vm, key("k", i), num(i)), Outcome::True);
    Shape* shape = o->shape_acquire();
    EXPECT_FALSE(shape->is_dictionary());
    for (int i = 0; i < 200; ++i) {
        auto info = shape->lookup(m_vm, key("k", i));
        ASSERT_TRUE(info);
        EXPECT_EQ(info->slot, u32(i));
    }
    EXPECT_FALSE(shape->lookup(m_vm, key("missing")));
    // Children of a shape with a table find both their own and inherited entries.
    ASSERT_EQ(o->create_data_property(m_vm, key("last"), num(-1)), Outcome::True);
    EXPECT_EQ(get(o, "last"), num(-1));
    EXPECT_EQ(get(o, "k0"), num(0));
    EXPECT_EQ(get(o, "k199"), num(199));
}

TEST_F(ShapeTest, PreventExtensionsIsATransition)
{
    Object* a = make();
    Object* b = make();
    ASSERT_EQ(a->prevent_extensions(m_vm), Outcome::True);
    ASSERT_EQ(b->prevent_extensions(m_vm), Outcome::True);
    EXPECT_EQ(a->shape_acquire(), b->shape_acquire());
    EXPECT_FALSE(a->shape_acquire()->is_extensible());
    EXPECT_EQ(a->prevent_extensions(m_vm), Outcome::True); // idempotent
}

} // namespace
} // namespace weft::test
