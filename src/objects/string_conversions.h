// Conversions between String cells and Numbers (the engine-aware side of base/number_format).
#pragma once

#include "base/types.h"

namespace weft {

class String;
class Vm;

// Number::toString ( x, 10 ) as a String; "0".."255" are cached per runtime. nullptr if the
// heap is full. spec: https://tc39.es/ecma262/#sec-numeric-types-number-tostring
String* number_to_string(Vm&, double x);
// Number::toString ( x, radix ), radix 2..36.
String* number_to_string(Vm&, double x, int radix);

// StringToNumber ( str ); never allocates in the heap.
// spec: https://tc39.es/ecma262/#sec-stringtonumber
double StringToNumber(String const* s);

} // namespace weft
