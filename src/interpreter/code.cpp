// SharedFunctionInfo and CodeBlock cells: creation, publication, tracing and finalization.
#include "interpreter/code.h"
#include "base/race_amplifier.h"

#include "compiler/compilation_unit.h"
#include "heap/heap.h"
#include "objects/string.h"
#include "vm/trace.h"
#include "vm/vm.h"

#include <algorithm>
#include <mutex>

namespace weft {

SharedFunctionInfo* SharedFunctionInfo::try_create(Vm& vm, std::shared_ptr<CompilationUnit> const& unit, void const* node,
    FunctionKind kind, u16 flags, String* name, u32 length)
{
    String* file = string_from_utf8(vm, unit->file_name);
    if (!file)
        return nullptr;
    auto* shared = vm.try_allocate<SharedFunctionInfo>(sizeof(SharedFunctionInfo), CellKind::SharedFunctionInfo);
    if (!shared)
        return nullptr;
    shared->m_name = name;
    shared->m_file = file;
    shared->m_unit = new std::shared_ptr<CompilationUnit>(unit);
    shared->m_node = node;
    shared->m_length = length;
    shared->m_kind = static_cast<u8>(kind);
    shared->m_flags = flags;
    return shared;
}

CodeBlock* SharedFunctionInfo::publish_code(CodeBlock* code)
{
    CodeBlock* expected = nullptr;
    race_amplify_point();
    if (m_code.compare_exchange_acq_rel(expected, code))
        return code;
    return expected; // another thread published first; `code` becomes garbage
}

CompilationUnit* SharedFunctionInfo::unit() const { return m_unit->get(); }
std::shared_ptr<CompilationUnit> const& SharedFunctionInfo::unit_ref() const { return *m_unit; }

void SharedFunctionInfo::trace(Cell* cell, Tracer& tracer)
{
    auto* shared = static_cast<SharedFunctionInfo*>(cell);
    tracer.visit(shared->m_code.load_relaxed());
    tracer.visit(shared->m_name);
    tracer.visit(shared->m_file);
}

void SharedFunctionInfo::finalize(Cell* cell)
{
    auto* shared = static_cast<SharedFunctionInfo*>(cell);
    delete shared->m_unit;
    shared->m_unit = nullptr;
}

PositionEntry CodeData::position_at(u32 offset) const
{
    if (positions.empty())
        return { 0, 0, 0, 0 };
    auto it = std::upper_bound(positions.begin(), positions.end(), offset, [](u32 o, PositionEntry const& e) { return o < e.offset; });
    if (it == positions.begin())
        return positions.front();
    return *(it - 1);
}

CodeBlock* CodeBlock::try_create(Vm& vm, std::unique_ptr<CodeData> data)
{
    auto* code = vm.try_allocate<CodeBlock>(sizeof(CodeBlock), CellKind::CodeBlock);
    if (!code)
        return nullptr;
    code->m_data = data.release();
    return code;
}

void CodeBlock::trace(Cell* cell, Tracer& tracer)
{
    auto* code = static_cast<CodeBlock*>(cell);
    CodeData const* data = code->m_data;
    if (!data)
        return;
    for (Value v : data->constants)
        trace_value(tracer, v);
    tracer.visit(data->shared);
    for (u32 i = 0; i < data->ic_count; ++i) {
        u64 word = data->ics[i].load_relaxed();
        // IC words hold a cell pointer in their low 48 bits (tag in the low 4 bits) or a Value.
        uptr pointer = static_cast<uptr>(word & 0x0000'ffff'ffff'fff0ULL);
        if (pointer)
            tracer.visit_conservative(pointer);
    }
}

void CodeBlock::finalize(Cell* cell)
{
    auto* code = static_cast<CodeBlock*>(cell);
    delete code->m_data;
    code->m_data = nullptr;
}

void register_code_cell_kinds()
{
    static std::once_flag once;
    std::call_once(once, [] {
        register_cell_kind(to_u8(CellKind::SharedFunctionInfo), { "SharedFunctionInfo", SharedFunctionInfo::trace, SharedFunctionInfo::finalize });
        register_cell_kind(to_u8(CellKind::CodeBlock), { "CodeBlock", CodeBlock::trace, CodeBlock::finalize });
    });
}

} // namespace weft
