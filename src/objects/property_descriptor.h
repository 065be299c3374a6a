// PropertyDescriptor: the Property Descriptor specification type, every field optional.
// spec: https://tc39.es/ecma262/#sec-property-descriptor-specification-type
#pragma once

#include "objects/property_attributes.h"
#include "vm/value.h"

#include <optional>

namespace weft {

struct PropertyDescriptor {
    std::optional<Value> value;
    std::optional<Value> get;  // undefined or a callable
    std::optional<Value> set;  // undefined or a callable
    std::optional<bool> writable;
    std::optional<bool> enumerable;
    std::optional<bool> configurable;

    // IsAccessorDescriptor ( Desc )
    // spec: https://tc39.es/ecma262/#sec-isaccessordescriptor
    bool is_accessor_descriptor() const { return get.has_value() || set.has_value(); }
    // IsDataDescriptor ( Desc )
    // spec: https://tc39.es/ecma262/#sec-isdatadescriptor
    bool is_data_descriptor() const { return value.has_value() || writable.has_value(); }
    // IsGenericDescriptor ( Desc )
    // spec: https://tc39.es/ecma262/#sec-isgenericdescriptor
    bool is_generic_descriptor() const { return !is_accessor_descriptor() && !is_data_descriptor(); }

    // A complete data descriptor.
    static PropertyDescriptor data(Value v, PropertyAttributes attrs = PropertyAttributes::default_data())
    {
        PropertyDescriptor d;
        d.value = v;
        d.writable = attrs.writable();
        d.enumerable = attrs.enumerable();
        d.configurable = attrs.configurable();
        return d;
    }
    // A complete accessor descriptor (getter/setter undefined when absent).
    static PropertyDescriptor accessor(Value getter, Value setter, bool enumerable, bool configurable)
    {
        PropertyDescriptor d;
        d.get = getter;
        d.set = setter;
        d.enumerable = enumerable;
        d.configurable = configurable;
        return d;
    }

    // The attributes of a complete descriptor (missing fields read as false, ToPropertyDescriptor's defaults).
    PropertyAttributes attributes() const
    {
        if (is_accessor_descriptor())
            return PropertyAttributes::accessor(enumerable.value_or(false), configurable.value_or(false));
        return PropertyAttributes::data(writable.value_or(false), enumerable.value_or(false), configurable.value_or(false));
    }
};

} // namespace weft
