// Tests for Symbol cells and the runtime's well-known symbols.
#include "objects/symbol.h"

#include "objects/atom_table.h"
#include "objects/string.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace weft {
namespace {

// Joins `threads` from inside a safe region: a thread attached to the heap must not block
// while others may need it to reach a safepoint (DESIGN.md R6).
void join_outside_heap(Vm& vm, std::vector<std::thread>& threads)
{
    SafeRegion region(vm.mutator());
    for (auto& th : threads)
        th.join();
}

class SymbolTest : public ::testing::Test {
protected:
    Runtime m_runtime;
    Vm m_vm { m_runtime };
};

TEST_F(SymbolTest, CreateWithAndWithoutDescription)
{
    String* description = string_from_utf8(m_vm, "tag");
    Symbol* a = symbol_create(m_vm, description);
    Symbol* b = symbol_create(m_vm, description);
    Symbol* c = symbol_create(m_vm, nullptr);
    ASSERT_TRUE(a && b && c);
    EXPECT_NE(a, b); // every Symbol() is unique
    EXPECT_EQ(a->description(), description);
    EXPECT_EQ(c->description(), nullptr);
    EXPECT_FALSE(a->is_well_known());
    EXPECT_FALSE(a->is_registered());
    EXPECT_EQ(static_cast<CellKind>(a->kind_raw()), CellKind::Symbol);
    PropertyKey key = PropertyKey::from_symbol(a);
    EXPECT_TRUE(key.is_symbol());
    EXPECT_FALSE(key.is_atom());
}

TEST_F(SymbolTest, WellKnownSymbols)
{
    WellKnownSymbols const& symbols = well_known_symbols(m_vm);
    ASSERT_NE(symbols.iterator, nullptr);
    EXPECT_TRUE(symbols.iterator->is_well_known());
    // Node: Symbol.iterator.description === "Symbol.iterator".
    EXPECT_EQ(symbols.iterator->description()->to_utf8(), "Symbol.iterator");
    EXPECT_EQ(symbols.asyncIterator->description()->to_utf8(), "Symbol.asyncIterator");
    EXPECT_EQ(symbols.toStringTag->description()->to_utf8(), "Symbol.toStringTag");
    EXPECT_EQ(symbols.unscopables->description()->to_utf8(), "Symbol.unscopables");
    EXPECT_NE(symbols.iterator, symbols.asyncIterator);
    EXPECT_EQ(&well_known_symbols(m_vm), &symbols);
}

TEST_F(SymbolTest, WellKnownSymbolsAreSharedByAllThreads)
{
    std::vector<Symbol*> seen(4);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            seen[t] = well_known_symbols(vm).species;
        });
    }
    join_outside_heap(m_vm, threads);
    Symbol* mine = well_known_symbols(m_vm).species;
    for (Symbol* s : seen)
        EXPECT_EQ(s, mine);
}

TEST_F(SymbolTest, WellKnownSymbolsSurviveCollection)
{
    WellKnownSymbols const& symbols = well_known_symbols(m_vm);
    Symbol* iterator = symbols.iterator;
    m_vm.heap().collect(m_vm.mutator());
    m_vm.heap().collect(m_vm.mutator());
    EXPECT_EQ(well_known_symbols(m_vm).iterator, iterator);
    EXPECT_EQ(iterator->description()->to_utf8(), "Symbol.iterator");
    EXPECT_EQ(m_runtime.atoms().find_no_gc("Symbol.iterator"), iterator->description());
}

TEST_F(SymbolTest, DescriptionSurvivesCollection)
{
    Symbol* volatile symbol = symbol_create(m_vm, string_from_utf8(m_vm, "only-held-by-the-symbol"));
    ASSERT_NE(symbol, nullptr);
    m_vm.heap().collect(m_vm.mutator());
    EXPECT_EQ(symbol->description()->to_utf8(), "only-held-by-the-symbol");
}

TEST_F(SymbolTest, SymbolForReturnsOneSymbolPerKey)
{
    // Node: Symbol.for("app.key") === Symbol.for("app.key"), Symbol.keyFor(it) === "app.key",
    // Symbol.keyFor(Symbol("x")) === undefined, Symbol.keyFor(Symbol.iterator) === undefined.
    Symbol* a = symbol_for(m_vm, string_from_utf8(m_vm, "app.key"));
    Symbol* b = symbol_for(m_vm, string_concat(m_vm, string_from_utf8(m_vm, "app."), string_from_utf8(m_vm, "key")));
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a, b);
    EXPECT_TRUE(a->is_registered());
    ASSERT_NE(symbol_key_for(a), nullptr);
    EXPECT_EQ(symbol_key_for(a)->to_utf8(), "app.key");
    EXPECT_NE(symbol_for(m_vm, string_from_utf8(m_vm, "other")), a);
    EXPECT_EQ(symbol_key_for(symbol_create(m_vm, string_from_utf8(m_vm, "x"))), nullptr);
    EXPECT_EQ(symbol_key_for(well_known_symbols(m_vm).iterator), nullptr);
}

// Synchronization test: threads racing on Symbol.for of the same keys all get one symbol per
// key, and registered symbols survive collections without other references.
TEST_F(SymbolTest, SymbolForFromManyThreads)
{
    constexpr int kKeys = 64;
    std::vector<Symbol*> seen(4 * kKeys);
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            for (int k = 0; k < kKeys; ++k) {
                int key = (k * (2 * t + 1)) % kKeys;
                seen[t * kKeys + key] = symbol_for(vm, string_from_utf8(vm, "registered." + std::to_string(key)));
            }
        });
    }
    join_outside_heap(m_vm, threads);
    m_vm.heap().collect(m_vm.mutator());
    for (int k = 0; k < kKeys; ++k) {
        Symbol* s = symbol_for(m_vm, string_from_utf8(m_vm, "registered." + std::to_string(k)));
        for (int t = 0; t < 4; ++t)
            EXPECT_EQ(seen[t * kKeys + k], s) << "key " << k << " thread " << t;
        EXPECT_EQ(symbol_key_for(s)->to_utf8(), "registered." + std::to_string(k));
    }
}

} // namespace
} // namespace weft
