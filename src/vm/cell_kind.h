// The kinds of heap cells. The heap stores a cell's kind in the low byte of its header and
// traces it through the table registered for that kind (heap/cell.h: register_cell_kind).
//
// Ranges are reserved by layer so that layers add kinds without touching each other's lines:
//   0        Free (owned by the heap: a cell on a free list)
//   1..15    heap-internal and test kinds (tests/unit/heap)
//   16..63   object model (objects/object*, shape*, property storage, elements)
//   64..95   strings, symbols, atoms, numbers in cells
//   96..255  later layers (functions, environments, bytecode, collections)
#pragma once

#include "base/types.h"

namespace weft {

enum class CellKind : u8 {
    Free = 0,

    // Object model.
    Object = 16,          // an ordinary object (objects/object.h)
    ArrayObject,          // an Array exotic object: an Object whose elements carry `length`
    Shape,                // hidden class (objects/shape.h)
    TransitionTable,      // a shape's published transition list
    PropertyTable,        // a shape's lazily built key -> slot index
    StorageSpine,         // segmented out-of-line slot storage: segment pointers
    StorageSegment,       // a segment of Values that never moves
    SparseElements,       // dictionary of index -> value for sparse / non-default elements
    DictionaryTable,      // the key table of an object in dictionary mode
    Accessor,             // a getter/setter pair stored in an accessor slot

    // Strings and symbols.
    OneByteString = 64,   // Latin-1 flat string
    TwoByteString,        // UTF-16 flat string
    RopeString,           // concatenation flattened on demand
    Symbol,
    AtomTableShard,       // reserved for atom-table side storage if it lives in the heap

    // Engine (functions, environments, bytecode). 96..127 are objects (an Object layout with
    // more fields after the inline slots): is_object_kind() below relies on the range.
    FunctionObject = 96,  // a bytecode closure (objects/function.h)
    NativeFunction,       // a built-in function implemented in C++
    BoundFunction,        // Function.prototype.bind's exotic object
    ErrorObject,          // an ordinary object with [[ErrorData]] (objects/error.h)
    PrimitiveWrapper,     // Boolean/Number/String/Symbol objects: [[XData]]
    MapObject,            // Map (builtins/map_set.cpp)
    SetObject,            // Set
    ArgumentsObject,      // an unmapped arguments object
    GeneratorObject,      // a generator or async function's suspended activation
    PromiseObject,        // a Promise
    DateObject,           // reserved
    RegExpObject,         // reserved
    ProxyObject,          // reserved
    InternalIterator,     // %ArrayIteratorPrototype% / Map / Set / String iterators (builtins/iterator.h)
    ThreadObject,         // a Thread (threads/thread_object.h)
    LockObject,           // a Lock (threads/lock.h)
    ConditionObject,      // a Condition
    ThreadLocalObject,    // a ThreadLocal
    ArrayBufferObject,    // ArrayBuffer and SharedArrayBuffer (builtins/typed_array.h)
    TypedArrayObject,     // the eleven TypedArray kinds
    DataViewObject,       // DataView
    LastObjectKind = 127,

    SharedFunctionInfo = 128, // what a function's closures share: the AST, compiled code (interpreter/code.h)
    CodeBlock,            // immutable compiled bytecode with its constants, positions and IC words
    Environment,          // heap slots of captured variables (objects/environment.h)
    GlobalCell,           // a global lexical binding (vm/realm.h)
    MapTable,             // Map/Set storage
    SuspendedFrame,       // the registers of a suspended generator
    ValueArray,           // a fixed array of Values (internal lists)
    ArrayBufferData,      // the raw bytes of an ArrayBuffer / SharedArrayBuffer (builtins/typed_array.h)
};

constexpr bool is_object_kind(u8 kind)
{
    return kind == 16 || kind == 17 || (kind >= 96 && kind <= 127);
}

constexpr u8 to_u8(CellKind kind) { return static_cast<u8>(kind); }

} // namespace weft
