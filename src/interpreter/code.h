// SharedFunctionInfo and CodeBlock: what every closure of one function shares, and the
// immutable compiled bytecode a SharedFunctionInfo publishes once.
//
// Layout of a SharedFunctionInfo (CellKind::SharedFunctionInfo):
//   +0   cell header
//   +8   Atomic<CodeBlock*> code     null until compiled; null -> code once, by CAS (acq_rel)
//   +16  String* name                immutable (atom; "" for anonymous functions)
//   +24  String* file                immutable
//   +32  CompilationUnitRef* unit    immutable; C++ heap; released by the finalizer
//   +40  void const* node            immutable; the FunctionNode / ProgramNode / ClassNode it compiles
//   +48  u32 length, u16 kind, u16 flags   immutable
//
// Layout of a CodeBlock (CellKind::CodeBlock): +8 CodeData* data (C++ heap, freed by the finalizer).
//
// Invariants:
//  - Functions compile lazily on their first call. Two threads that race to compile the same
//    function both compile; each tries to publish its CodeBlock with one CAS on `code`; the
//    loser drops its copy (garbage for the collector) and runs the winner's. So one code
//    block is ever published per function, and the published one never changes (R2).
//  - A CodeData is immutable once published, except its inline-cache words, which are
//    Atomic<u64> written with one relaxed store each (never two words: a racing reader sees
//    an old or a new entry, never a torn one).
//  - IC words may hold cell pointers (shapes, prototype records, global cells); the trace
//    function keeps them alive, so an address in a cache can never be reused by another cell.
//  - The AST stays alive while any SharedFunctionInfo of its compilation unit is alive (the
//    unit is reference-counted; each SFI holds one reference, dropped when the SFI is swept).
#pragma once

#include "base/atomic.h"
#include "heap/cell.h"
#include "vm/value.h"

#include <memory>
#include <vector>

namespace weft {

class CodeBlock;
class String;
class Tracer;
class Vm;
struct CompilationUnit;

enum class FunctionKind : u8 {
    Script,             // a script's top-level code
    Normal,             // function declarations and expressions: [[Call]] and [[Construct]]
    Arrow,
    Method,             // object/class methods, getters, setters: no [[Construct]]
    ClassConstructor,
    DerivedConstructor,
    Generator,
    Async,
    AsyncArrow,
    AsyncGenerator,
    FieldInitializer,   // synthetic: a class's instance field initializers
    StaticInitializer,  // synthetic: static fields and static blocks
};

class SharedFunctionInfo final : public Cell {
public:
    static constexpr u16 kStrict = 1;
    static constexpr u16 kHasSimpleParameters = 2;
    static constexpr u16 kIsGetterOrSetter = 4;

    static SharedFunctionInfo* try_create(Vm&, std::shared_ptr<CompilationUnit> const&, void const* node,
        FunctionKind, u16 flags, String* name, u32 length);

    CodeBlock* code_acquire() const { return m_code.load_acquire(); }
    // Publishes `code` if none is published yet; returns the published code block.
    CodeBlock* publish_code(CodeBlock* code);

    String* name() const { return m_name; }
    String* file() const { return m_file; }
    FunctionKind kind() const { return static_cast<FunctionKind>(m_kind); }
    bool is_strict() const { return m_flags & kStrict; }
    u32 length() const { return m_length; }
    void const* node() const { return m_node; }
    CompilationUnit* unit() const;
    std::shared_ptr<CompilationUnit> const& unit_ref() const;

    bool is_constructor() const
    {
        auto k = kind();
        return k == FunctionKind::Normal || k == FunctionKind::ClassConstructor || k == FunctionKind::DerivedConstructor;
    }
    bool is_class_constructor() const { return kind() == FunctionKind::ClassConstructor || kind() == FunctionKind::DerivedConstructor; }
    bool is_arrow() const { return kind() == FunctionKind::Arrow || kind() == FunctionKind::AsyncArrow; }
    // Generators and async functions run as coroutines (interpreter/generator.cpp).
    bool is_coroutine() const
    {
        auto k = kind();
        return k == FunctionKind::Generator || k == FunctionKind::Async || k == FunctionKind::AsyncArrow || k == FunctionKind::AsyncGenerator;
    }

    static void trace(Cell*, Tracer&);
    static void finalize(Cell*);

private:
    Atomic<CodeBlock*> m_code;
    String* m_name;
    String* m_file;
    std::shared_ptr<CompilationUnit>* m_unit;
    void const* m_node;
    u32 m_length;
    u8 m_kind;
    u8 m_padding;
    u16 m_flags;
};

// A try/catch handler: exceptions thrown by instructions in [start, end) continue at `handler`
// with the exception in the accumulator and the environment restored from `env_register`.
struct HandlerEntry {
    u32 start;
    u32 end;
    u32 handler;
    u32 env_register;
};

// Bytecode offset -> source position, for stack traces and error messages.
struct PositionEntry {
    u32 offset;
    u32 line;
    u32 column;
    u32 source_offset; // byte offset of the node in the source text
};

struct CodeData {
    std::vector<u8> bytecode;
    std::vector<Value> constants;
    std::vector<HandlerEntry> handlers;    // innermost first
    std::vector<PositionEntry> positions;  // ascending offsets
    std::unique_ptr<Atomic<u64>[]> ics;    // inline caches (interpreter/inline_cache.h)
    u32 ic_count = 0;
    u32 register_count = 0;                // this + parameters + locals + temporaries
    u32 parameter_count = 0;               // formal parameters with registers r1..rN
    SharedFunctionInfo* shared = nullptr;

    // The source position of the instruction at `offset` (the last entry at or before it).
    PositionEntry position_at(u32 offset) const;
};

class CodeBlock final : public Cell {
public:
    static CodeBlock* try_create(Vm&, std::unique_ptr<CodeData>);
    CodeData const& data() const { return *m_data; }
    u8 const* bytecode() const { return m_data->bytecode.data(); }
    Value const* constants() const { return m_data->constants.data(); }
    Atomic<u64>* ics() const { return m_data->ics.get(); }
    u32 register_count() const { return m_data->register_count; }
    u32 parameter_count() const { return m_data->parameter_count; }
    SharedFunctionInfo* shared() const { return m_data->shared; }

    static void trace(Cell*, Tracer&);
    static void finalize(Cell*);

private:
    CodeData* m_data;
};

void register_code_cell_kinds();

} // namespace weft
