// Shared fixture for the object-model tests: a runtime, an attached Vm and key helpers.
#pragma once

#include "objects/accessor.h"
#include "objects/array.h"
#include "objects/atom_table.h"
#include "objects/object.h"
#include "objects/string.h"
#include "objects/symbol.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <string>

namespace weft::test {

#if defined(WEFT_TSAN) || defined(WEFT_ASAN)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif

// Keys are interned on every use: an atom is kept alive by the shapes that hold it, and a C++
// container is not scanned by the collector, so tests never cache keys across allocations.
inline PropertyKey key(Vm& vm, std::string_view name)
{
    PropertyKey k = to_property_key(vm, name);
    WEFT_VERIFY(k.bits() != 0);
    return k;
}
inline PropertyKey key(Vm& vm, std::string const& prefix, int i) { return key(vm, prefix + std::to_string(i)); }
inline PropertyKey index_key(u32 i) { return PropertyKey::from_index(i); }

inline Value get_value(Vm& vm, Object* o, PropertyKey k)
{
    GetResult r = o->get(vm, k);
    EXPECT_EQ(r.kind, GetResult::Kind::Value);
    return r.value;
}
inline bool set_value(Vm& vm, Object* o, PropertyKey k, Value v)
{
    SetResult r = o->set(vm, k, v);
    EXPECT_NE(r.kind, SetResult::Kind::OutOfMemory);
    return r.kind == SetResult::Kind::Done && r.succeeded;
}
inline Value num(int i) { return Value::from_i32(i); }

class ObjectModelTest : public ::testing::Test {
protected:
    explicit ObjectModelTest(RuntimeConfig const& config = {}) : m_runtime(config), m_vm(m_runtime) { }

    PropertyKey key(std::string_view name) { return test::key(m_vm, name); }
    PropertyKey key(std::string const& prefix, int i) { return test::key(m_vm, prefix, i); }
    Object* make(Object* prototype = nullptr, u32 inline_capacity = Object::kDefaultInlineCapacity)
    {
        Object* o = Object::try_create(m_vm, prototype, inline_capacity);
        WEFT_VERIFY(o);
        return o;
    }
    ArrayObject* make_array(u32 length = 0)
    {
        ArrayObject* a = ArrayObject::try_create(m_vm, nullptr, length);
        WEFT_VERIFY(a);
        return a;
    }
    Value get(Object* o, std::string_view name) { return get_value(m_vm, o, key(name)); }
    Value get(Object* o, u32 index) { return get_value(m_vm, o, index_key(index)); }
    bool set(Object* o, std::string_view name, Value v) { return set_value(m_vm, o, key(name), v); }
    bool set(Object* o, u32 index, Value v) { return set_value(m_vm, o, index_key(index), v); }
    Outcome define(Object* o, PropertyKey k, PropertyDescriptor const& d) { return o->define_own_property(m_vm, k, d); }

    Runtime m_runtime;
    Vm m_vm;
};

} // namespace weft::test
