// Tests for the AtomTable: uniqueness per content across input forms and threads, weak entries
// across collections, property keys, and the pre-interned common names.
#include "objects/atom_table.h"

#include "objects/string.h"
#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <random>
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

class AtomTableTest : public ::testing::Test {
protected:
    AtomTable& atoms() { return m_runtime.atoms(); }
    Runtime m_runtime;
    Vm m_vm { m_runtime };
};

TEST_F(AtomTableTest, SameContentSameAtom)
{
    String* a = atoms().intern(m_vm, "length");
    String* b = atoms().intern(m_vm, "length");
    ASSERT_NE(a, nullptr);
    EXPECT_EQ(a, b);
    EXPECT_TRUE(a->is_atom());
    EXPECT_TRUE(a->is_flat());
    EXPECT_EQ(a->latin1_view(), "length");
    String* c = atoms().intern(m_vm, "lengths");
    EXPECT_NE(a, c);
}

TEST_F(AtomTableTest, AllInputFormsAgree)
{
    String* from_utf8 = atoms().intern(m_vm, "caf\xC3\xA9");
    String* from_utf16 = atoms().intern(m_vm, std::u16string_view(u"caf\u00E9"));
    u8 const latin1[] = { 'c', 'a', 'f', 0xE9 };
    String* from_latin1 = atoms().intern_latin1(m_vm, std::span<u8 const>(latin1, 4));
    String* from_string = atoms().intern(m_vm, string_from_utf8(m_vm, "caf\xC3\xA9"));
    EXPECT_EQ(from_utf8, from_utf16);
    EXPECT_EQ(from_utf8, from_latin1);
    EXPECT_EQ(from_utf8, from_string);
    EXPECT_EQ(from_utf8->kind(), CellKind::OneByteString);

    String* wide = atoms().intern(m_vm, "\xE2\x82\xAC\xF0\x9F\x98\x80");
    EXPECT_EQ(wide, atoms().intern(m_vm, std::u16string_view(u"\u20AC\U0001F600")));
    EXPECT_EQ(wide->kind(), CellKind::TwoByteString);
    EXPECT_EQ(atoms().find_no_gc("\xE2\x82\xAC\xF0\x9F\x98\x80"), wide);
}

TEST_F(AtomTableTest, InterningAFlatStringReusesIt)
{
    String* s = string_from_utf8(m_vm, "a-fresh-key-nobody-interned");
    EXPECT_FALSE(s->is_atom());
    String* atom = atoms().intern(m_vm, s);
    EXPECT_EQ(atom, s);
    EXPECT_TRUE(s->is_atom());
    EXPECT_EQ(atoms().intern(m_vm, "a-fresh-key-nobody-interned"), s);
    // A second string with the same content maps to the first atom, and stays a non-atom.
    String* t = string_from_utf8(m_vm, "a-fresh-key-nobody-interned");
    EXPECT_EQ(atoms().intern(m_vm, t), s);
    EXPECT_FALSE(t->is_atom());
}

TEST_F(AtomTableTest, InterningARopeUsesItsFlatForm)
{
    String* rope = string_concat(m_vm, string_from_utf8(m_vm, "somewhat-long-"), string_from_utf8(m_vm, "property-name"));
    ASSERT_TRUE(rope->is_rope());
    String* atom = atoms().intern(m_vm, rope);
    ASSERT_NE(atom, nullptr);
    EXPECT_TRUE(atom->is_flat());
    EXPECT_EQ(atom, atoms().intern(m_vm, "somewhat-long-property-name"));
}

TEST_F(AtomTableTest, FindDoesNotInsert)
{
    usize before = atoms().size();
    EXPECT_EQ(atoms().find_no_gc("never-interned-anywhere"), nullptr);
    EXPECT_EQ(atoms().size(), before);
    String* a = atoms().intern(m_vm, "now-interned");
    EXPECT_EQ(atoms().size(), before + 1);
    EXPECT_EQ(atoms().find_no_gc("now-interned"), a);
}

TEST_F(AtomTableTest, ManyAtomsGrowTheTable)
{
    std::vector<std::string> keys;
    for (int i = 0; i < 20000; ++i)
        keys.push_back("key_" + std::to_string(i));
    for (auto const& k : keys)
        ASSERT_NE(atoms().intern(m_vm, k), nullptr);
    for (auto const& k : keys) {
        String* found = atoms().find_no_gc(k);
        ASSERT_NE(found, nullptr) << k;
        EXPECT_EQ(found->latin1_view(), k);
        EXPECT_EQ(atoms().intern(m_vm, k), found);
    }
}

TEST_F(AtomTableTest, PropertyKeys)
{
    PropertyKey zero = to_property_key(m_vm, "0");
    ASSERT_TRUE(zero.is_index());
    EXPECT_EQ(zero.as_index(), 0u);
    PropertyKey max = to_property_key(m_vm, "4294967294");
    ASSERT_TRUE(max.is_index());
    EXPECT_EQ(max.as_index(), 4294967294u);
    // Not canonical array indices: atoms.
    for (char const* text : { "4294967295", "01", "-0", "1.0", "length", "" }) {
        PropertyKey key = to_property_key(m_vm, text);
        ASSERT_TRUE(key.is_atom()) << text;
        EXPECT_EQ(key.as_atom()->to_utf8(), text);
        EXPECT_EQ(key, to_property_key(m_vm, string_from_utf8(m_vm, text)));
    }
    PropertyKey from_string = to_property_key(m_vm, string_from_utf8(m_vm, "123"));
    ASSERT_TRUE(from_string.is_index());
    EXPECT_EQ(from_string.as_index(), 123u);
    EXPECT_EQ(to_property_key(m_vm, "length"), PropertyKey::from_atom(atoms().intern(m_vm, "length")));
}

TEST_F(AtomTableTest, CommonNames)
{
    CommonNames const& names = common_names(m_vm);
    ASSERT_NE(names.length, nullptr);
    EXPECT_EQ(names.length, atoms().intern(m_vm, "length"));
    EXPECT_EQ(names.proto, atoms().intern(m_vm, "__proto__"));
    EXPECT_EQ(names.empty->length(), 0u);
    EXPECT_TRUE(names.toString->is_atom());
    EXPECT_EQ(&common_names(m_vm), &names); // created once
}

// Synchronization test (acceptance): four threads intern overlapping key sets in different
// orders at the same time; every thread must get the identical atom for each key.
TEST_F(AtomTableTest, FourThreadsInternOverlappingKeysIdentically)
{
    constexpr int kThreads = 4;
    constexpr int kKeys = 4000;
    constexpr int kPerThread = 2500; // thread t interns keys [t*500, t*500 + 2500): overlapping
    std::vector<std::string> keys;
    for (int i = 0; i < kKeys; ++i)
        keys.push_back("shared.key." + std::to_string(i * 7919 % 100003));
    std::vector<Atomic<String*>> got(kThreads * kKeys);
    // The results are roots, so a collection during the test cannot free an atom.
    u64 root_id = m_runtime.heap().add_root_source([&](Tracer& tracer) {
        for (auto& slot : got)
            tracer.visit(slot.load_relaxed());
    });
    std::atomic<int> ready { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            std::vector<int> order;
            for (int i = 0; i < kPerThread; ++i)
                order.push_back((t * 500 + i) % kKeys);
            std::shuffle(order.begin(), order.end(), std::mt19937(t + 1));
            ready.fetch_add(1);
            while (ready.load() < kThreads)
                vm.safepoint_poll();
            for (int i : order) {
                // Alternate input forms: UTF-8 and an existing non-atom String.
                String* atom = (i + t) % 2 ? vm.runtime().atoms().intern(vm, keys[i])
                                           : vm.runtime().atoms().intern(vm, string_from_utf8(vm, keys[i]));
                got[t * kKeys + i].store_release(atom);
            }
        });
    }
    join_outside_heap(m_vm, threads);
    int checked = 0;
    for (int i = 0; i < kKeys; ++i) {
        String* first = nullptr;
        for (int t = 0; t < kThreads; ++t) {
            String* atom = got[t * kKeys + i].load_acquire();
            if (!atom)
                continue; // this thread did not intern key i
            ASSERT_EQ(atom->latin1_view(), keys[i]);
            ASSERT_TRUE(atom->is_atom());
            if (!first)
                first = atom;
            EXPECT_EQ(atom, first) << "key " << keys[i] << " thread " << t;
            ++checked;
        }
        ASSERT_NE(first, nullptr);
        EXPECT_EQ(atoms().find_no_gc(keys[i]), first);
    }
    EXPECT_EQ(checked, kThreads * kPerThread);
    m_runtime.heap().remove_root_source(root_id);
}

// Fills the stack below the caller with zeros, so stale pointers left by earlier calls do not
// keep cells alive through conservative scanning.
WEFT_NOINLINE void clobber_stack()
{
    volatile char buffer[64 * 1024];
    std::memset(const_cast<char*>(buffer), 0, sizeof(buffer));
}

WEFT_NOINLINE void intern_unreferenced(Vm& vm, char const* prefix, int count)
{
    for (int i = 0; i < count; ++i)
        ASSERT_NE(vm.runtime().atoms().intern(vm, prefix + std::to_string(i)), nullptr);
}

TEST_F(AtomTableTest, ReferencedAtomsSurviveCollection)
{
    String* volatile kept[8];
    for (int i = 0; i < 8; ++i)
        kept[i] = atoms().intern(m_vm, "kept.atom." + std::to_string(i));
    intern_unreferenced(m_vm, "garbage.a.", 2000);
    clobber_stack();
    m_vm.heap().collect(m_vm.mutator());
    m_vm.heap().collect(m_vm.mutator());
    for (int i = 0; i < 8; ++i) {
        std::string text = "kept.atom." + std::to_string(i);
        EXPECT_EQ(atoms().find_no_gc(text), kept[i]) << text;
        EXPECT_EQ(kept[i]->latin1_view(), text);
        EXPECT_TRUE(kept[i]->is_atom());
        EXPECT_EQ(atoms().intern(m_vm, text), kept[i]);
    }
    // The pre-interned names are roots.
    String* length = common_names(m_vm).length;
    clobber_stack();
    m_vm.heap().collect(m_vm.mutator());
    EXPECT_EQ(atoms().find_no_gc("length"), length);
}

// Allocates `count` non-atom strings of the same size class as the atoms above, so that this
// thread's allocation window (retained by the collector on purpose) moves past their blocks.
WEFT_NOINLINE void allocate_fillers(Vm& vm, int count)
{
    for (int i = 0; i < count; ++i)
        ASSERT_NE(string_from_utf8(vm, "filler.filler." + std::to_string(100000 + i)), nullptr);
}

TEST_F(AtomTableTest, UnreferencedAtomsAreRemoved)
{
    constexpr int kCount = 20000;
    usize before = atoms().size();
    intern_unreferenced(m_vm, "unreferenced.atom.", kCount);
    EXPECT_EQ(atoms().size(), before + kCount);
    allocate_fillers(m_vm, 5000);
    clobber_stack();
    m_vm.heap().collect(m_vm.mutator());
    int still_there = 0;
    for (int i = 0; i < kCount; ++i)
        still_there += atoms().find_no_gc("unreferenced.atom." + std::to_string(i)) != nullptr;
    // Conservative stack scanning may keep a stray few; the table must not keep them.
    EXPECT_LT(still_there, kCount / 20);
    EXPECT_LT(atoms().size(), before + kCount / 20);
    // Interning again works and yields fresh, valid atoms.
    String* again = atoms().intern(m_vm, "unreferenced.atom.7");
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->latin1_view(), "unreferenced.atom.7");
    EXPECT_EQ(atoms().intern(m_vm, "unreferenced.atom.7"), again);
}

// Synchronization test: threads intern shared keys (held as roots) and garbage while one thread
// collects repeatedly. Lock-free lookups race with table growth and with the weak sweep.
TEST_F(AtomTableTest, InterningWhileCollecting)
{
    constexpr int kThreads = 4;
    constexpr int kKeys = 256;
    std::vector<Atomic<String*>> got(kThreads * kKeys);
    u64 root_id = m_runtime.heap().add_root_source([&](Tracer& tracer) {
        for (auto& slot : got)
            tracer.visit(slot.load_relaxed());
    });
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            AtomTable& table = vm.runtime().atoms();
            for (int round = 0; round < 3; ++round) {
                for (int i = 0; i < kKeys; ++i) {
                    int k = (i * (2 * t + 1) + round) % kKeys; // a permutation of the keys per thread
                    String* atom = table.intern(vm, "live." + std::to_string(k));
                    String* previous = got[t * kKeys + k].load_relaxed();
                    if (previous) {
                        EXPECT_EQ(previous, atom); // rooted: the same atom every time
                    }
                    got[t * kKeys + k].store_release(atom);
                    table.intern(vm, "dead." + std::to_string(t) + "." + std::to_string(round * kKeys + i));
                    if (t == 0 && i % 100 == 0)
                        vm.heap().collect(vm.mutator());
                }
            }
        });
    }
    join_outside_heap(m_vm, threads);
    for (int k = 0; k < kKeys; ++k) {
        String* first = got[k].load_acquire();
        ASSERT_NE(first, nullptr);
        EXPECT_EQ(first->latin1_view(), "live." + std::to_string(k));
        for (int t = 1; t < kThreads; ++t)
            EXPECT_EQ(got[t * kKeys + k].load_acquire(), first);
    }
    m_runtime.heap().remove_root_source(root_id);
}

} // namespace
} // namespace weft
