// Helpers shared by the files of the typed-array family (typed_array.cpp,
// typed_array_prototype.cpp, data_view.cpp, atomics.cpp); not for the rest of the engine.
#pragma once

#include "builtins/builtins.h"
#include "builtins/typed_array.h"

#include <optional>
#include <span>

namespace weft {

// CanonicalNumericIndexString on a property key (array indices included).
bool canonical_numeric_index(PropertyKey, double* out);
// TypedArrayGetElement: nullopt when index is not a valid integer index.
std::optional<Value> typed_array_get_element(TypedArrayObject*, double index);
// TypedArraySetElement with a Number: no effect when the index is not valid.
void typed_array_set_element_number(TypedArrayObject*, double index, double value);
// ! Get(O, k) for an integer k: undefined when out of range, detached or out of bounds.
Value typed_array_get_index(TypedArrayObject*, u64 index);
// TypedArraySetElement ( O, index, value ) (ToNumber may run JavaScript)
// spec: https://tc39.es/ecma262/#sec-typedarraysetelement
ThrowOr<void> TypedArraySetElement(Vm&, TypedArrayObject*, double index, Value);

// ValidateTypedArray ( O, order ): the witness view, or a TypeError (`method` names the caller).
// spec: https://tc39.es/ecma262/#sec-validatetypedarray
ThrowOr<TypedArrayView> ValidateTypedArray(Vm&, Value o, char const* method);
// TypedArraySpeciesCreate ( exemplar, argumentList )
ThrowOr<TypedArrayObject*> TypedArraySpeciesCreate(Vm&, TypedArrayObject* exemplar, std::span<Value const>, char const* method);
ThrowOr<TypedArrayObject*> typed_array_species_create_length(Vm&, TypedArrayObject* exemplar, u64 length, char const* method);
// TypedArrayCreateFromConstructor ( constructor, argumentList )
ThrowOr<TypedArrayObject*> TypedArrayCreateFromConstructor(Vm&, Value constructor, std::span<Value const>, char const* method);
// TypedArrayCreateSameType ( exemplar, length )
// spec: https://tc39.es/ecma262/#sec-typedarray-create-same-type
ThrowOr<TypedArrayObject*> TypedArrayCreateSameType(Vm&, TypedArrayObject* exemplar, u64 length);
// A new typed array of `type` with a fresh buffer of `length` elements.
ThrowOr<TypedArrayObject*> allocate_typed_array(Vm&, ElementType, Object* prototype, u64 length);
Object* typed_array_constructor_for(Vm&, ElementType);

ThrowOr<void> install_typed_array_prototype(Vm&, Object* prototype);

} // namespace weft
