// Strings, ropes, atoms and symbols under --gc-stress (a collection at every block refill):
// finds cells that the string code holds only where the collector cannot see them.
#include "objects/atom_table.h"
#include "objects/string.h"
#include "objects/string_conversions.h"
#include "objects/symbol.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <string>

namespace weft {
namespace {

RuntimeConfig stress_config()
{
    RuntimeConfig config;
    config.heap.gc_stress = true;
    return config;
}

class StringGcStressTest : public ::testing::Test {
protected:
    Runtime m_runtime { stress_config() };
    Vm m_vm { m_runtime };
};

TEST_F(StringGcStressTest, BuildFlattenInternAndConvert)
{
    AtomTable& atoms = m_runtime.atoms();
    CommonNames const& names = common_names(m_vm);
    WellKnownSymbols const& symbols = well_known_symbols(m_vm);
    String* rope = string_from_utf8(m_vm, "begin:");
    std::string expected = "begin:";
    for (int i = 0; i < 2500; ++i) {
        std::string piece = (i % 7 == 0) ? "\xE2\x82\xAC" : std::to_string(i % 10);
        String* part = string_from_utf8(m_vm, piece);
        ASSERT_NE(part, nullptr);
        rope = string_concat(m_vm, rope, part);
        ASSERT_NE(rope, nullptr);
        expected += piece;
        if (i % 250 == 0) {
            String* n = number_to_string(m_vm, i * 0.25);
            ASSERT_NE(n, nullptr);
            String* atom = atoms.intern(m_vm, string_concat(m_vm, n, string_from_utf8(m_vm, ".key")));
            ASSERT_NE(atom, nullptr);
            EXPECT_EQ(atoms.intern(m_vm, n->to_utf8() + ".key"), atom);
        }
    }
    EXPECT_EQ(rope->to_utf8(), expected);
    String* flat = rope->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    EXPECT_EQ(flat->to_utf8(), expected);
    String* sub = string_substring(m_vm, rope, 0, 6);
    ASSERT_NE(sub, nullptr);
    EXPECT_EQ(sub->to_utf8(), "begin:");
    // The runtime sets survived every collection above.
    EXPECT_EQ(names.length, atoms.intern(m_vm, "length"));
    EXPECT_EQ(symbols.iterator->description()->to_utf8(), "Symbol.iterator");
    EXPECT_EQ(number_to_string(m_vm, 200)->to_utf8(), "200");
}

} // namespace
} // namespace weft
