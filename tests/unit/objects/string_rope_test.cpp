// Tests for ropes: creation on long concatenation, flattening (deep ropes, concurrent
// flattening from four threads), reading unflattened ropes, survival across collections.
#include "objects/string.h"

#include "vm/runtime.h"
#include "vm/vm.h"

#include <gtest/gtest.h>

#include <atomic>
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

class RopeTest : public ::testing::Test {
protected:
    Runtime m_runtime;
    Vm m_vm { m_runtime };
};

TEST_F(RopeTest, LongConcatenationMakesARope)
{
    String* a = string_from_utf8(m_vm, "the quick brown ");
    String* b = string_from_utf8(m_vm, "fox jumps");
    String* rope = string_concat(m_vm, a, b);
    ASSERT_NE(rope, nullptr);
    EXPECT_TRUE(rope->is_rope());
    EXPECT_TRUE(rope->is_one_byte());
    EXPECT_EQ(rope->length(), a->length() + b->length());
    EXPECT_EQ(rope->flat_or_null_concurrently(), nullptr);
    // Reading without flattening.
    EXPECT_EQ(rope->char_at(0), u't');
    EXPECT_EQ(rope->char_at(16), u'f');
    EXPECT_EQ(rope->to_utf8(), "the quick brown fox jumps");
    EXPECT_TRUE(string_equals(rope, string_from_utf8(m_vm, "the quick brown fox jumps")));
    EXPECT_EQ(rope->hash(), string_from_utf8(m_vm, "the quick brown fox jumps")->hash());
    // Flattening publishes a flat string that later reads go through.
    String* flat = rope->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    EXPECT_TRUE(flat->is_flat());
    EXPECT_EQ(flat->latin1_view(), "the quick brown fox jumps");
    EXPECT_EQ(rope->flat_or_null_concurrently(), flat);
    EXPECT_EQ(rope->flatten(m_vm), flat);
    EXPECT_EQ(static_cast<RopeString*>(rope)->left_acquire(), nullptr); // children released
    EXPECT_EQ(rope->to_utf8(), "the quick brown fox jumps");
}

TEST_F(RopeTest, MixedWidthRope)
{
    String* a = string_from_utf8(m_vm, "0123456789");
    String* b = string_from_utf16(m_vm, u"\u20AC\u20AC\u20AC\U0001F600");
    String* rope = string_concat(m_vm, a, b);
    ASSERT_NE(rope, nullptr);
    ASSERT_TRUE(rope->is_rope());
    EXPECT_FALSE(rope->is_one_byte());
    EXPECT_EQ(rope->to_utf16(), u"0123456789\u20AC\u20AC\u20AC\U0001F600");
    EXPECT_EQ(rope->to_utf8(), "0123456789\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\xF0\x9F\x98\x80");
    String* flat = rope->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    EXPECT_EQ(flat->kind(), CellKind::TwoByteString);
    EXPECT_EQ(flat->char_at(10), 0x20AC);
    String* sub = string_substring(m_vm, rope, 2, 5);
    ASSERT_NE(sub, nullptr);
    EXPECT_EQ(sub->to_utf8(), "234");
}

TEST_F(RopeTest, SurrogatePairSplitAcrossChildrenPrintsAsOneCharacter)
{
    String* a = string_from_utf16(m_vm, u"abcdefghijk\xD83D");
    String* b = string_from_utf16(m_vm, u"\xDE00xyz");
    String* rope = string_concat(m_vm, a, b);
    ASSERT_NE(rope, nullptr);
    ASSERT_TRUE(rope->is_rope());
    EXPECT_EQ(rope->to_utf8(), "abcdefghijk\xF0\x9F\x98\x80xyz");
}

// Builds "x0x1x2…" by repeated appends (a left-deep rope of `depth` levels) and the expected text.
String* build_left_deep(Vm& vm, int depth, std::string& expected)
{
    String* s = string_from_utf8(vm, "start-of-the-rope:");
    expected = "start-of-the-rope:";
    for (int i = 0; i < depth; ++i) {
        std::string piece = std::to_string(i % 10);
        s = string_concat(vm, s, string_from_utf8(vm, piece));
        expected += piece;
        if (!s)
            return nullptr;
    }
    return s;
}

TEST_F(RopeTest, DeepLeftRopeFlattensWithoutRecursion)
{
    std::string expected;
    String* s = build_left_deep(m_vm, 200000, expected);
    ASSERT_NE(s, nullptr);
    ASSERT_TRUE(s->is_rope());
    EXPECT_EQ(s->length(), expected.size());
    EXPECT_EQ(s->char_at(static_cast<u32>(expected.size() - 1)), expected.back());
    m_vm.heap().collect(m_vm.mutator()); // marking a deep rope must not recurse either
    String* flat = s->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    EXPECT_EQ(flat->latin1_view(), expected);
}

TEST_F(RopeTest, DeepRightRopeFlattensWithoutRecursion)
{
    String* s = string_from_utf8(m_vm, ":end-of-the-rope");
    std::string expected = ":end-of-the-rope";
    for (int i = 0; i < 200000; ++i) {
        s = string_concat(m_vm, string_from_utf8(m_vm, "ab"), s);
        ASSERT_NE(s, nullptr);
    }
    std::string prefix;
    for (int i = 0; i < 200000; ++i)
        prefix += "ab";
    expected = prefix + expected;
    EXPECT_TRUE(string_equals(s, string_from_utf8(m_vm, expected))); // walks the unflattened rope
    EXPECT_EQ(s->to_utf8(), expected);
    String* flat = s->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    EXPECT_EQ(flat->latin1_view(), expected);
}

TEST_F(RopeTest, CompareRopesWithoutFlattening)
{
    std::string text_a, text_b;
    String* a = build_left_deep(m_vm, 500, text_a);
    String* b = build_left_deep(m_vm, 501, text_b);
    ASSERT_TRUE(a && b);
    EXPECT_LT(string_compare(a, b), 0); // a is a proper prefix of b
    EXPECT_GT(string_compare(b, a), 0);
    EXPECT_FALSE(string_equals(a, b));
    std::string text_c;
    String* c = build_left_deep(m_vm, 500, text_c);
    EXPECT_TRUE(string_equals(a, c));
    EXPECT_EQ(string_compare(a, c), 0);
    EXPECT_EQ(a->hash(), c->hash());
    EXPECT_EQ(a->flat_or_null_concurrently(), nullptr); // none of that flattened
}

// Synchronization test: four threads flatten the same ropes at the same time. Each must get a
// flat string with the right content, and all must get the same published cell.
TEST_F(RopeTest, FourThreadsFlattenTheSameRopes)
{
    constexpr int kRopes = 64;
    constexpr int kThreads = 4;
    std::vector<std::string> expected(kRopes);
    std::vector<Atomic<String*>> ropes(kRopes);
    std::vector<Atomic<String*>> results(kRopes * kThreads);
    // Keep every rope and result alive whatever the collector does meanwhile.
    u64 root_id = m_runtime.heap().add_root_source([&](Tracer& tracer) {
        for (auto& r : ropes)
            tracer.visit(r.load_relaxed());
        for (auto& r : results)
            tracer.visit(r.load_relaxed());
    });
    for (int i = 0; i < kRopes; ++i) {
        String* s = build_left_deep(m_vm, 100 + i * 37, expected[i]);
        ASSERT_NE(s, nullptr);
        ropes[i].store_release(s);
    }
    std::atomic<int> ready { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            ready.fetch_add(1);
            while (ready.load() < kThreads)
                vm.safepoint_poll();
            for (int k = 0; k < kRopes; ++k) {
                int i = (k * (2 * t + 1) + t * 13) % kRopes; // a different permutation per thread
                String* flat = ropes[i].load_acquire()->flatten(vm);
                results[i * kThreads + t].store_release(flat);
            }
        });
    }
    join_outside_heap(m_vm, threads);
    for (int i = 0; i < kRopes; ++i) {
        String* first = results[i * kThreads].load_acquire();
        ASSERT_NE(first, nullptr);
        EXPECT_EQ(first->latin1_view(), expected[i]);
        for (int t = 1; t < kThreads; ++t)
            EXPECT_EQ(results[i * kThreads + t].load_acquire(), first) << "rope " << i << " thread " << t;
        EXPECT_EQ(ropes[i].load_acquire()->flat_or_null_concurrently(), first);
    }
    m_runtime.heap().remove_root_source(root_id);
}

// Synchronization test: readers walk ropes (to_utf8, char_at) while other threads flatten and
// release their children. Readers must always see the full content.
TEST_F(RopeTest, ReadersRaceWithFlattening)
{
    constexpr int kRopes = 32;
    std::vector<std::string> expected(kRopes);
    std::vector<Atomic<String*>> ropes(kRopes);
    u64 root_id = m_runtime.heap().add_root_source([&](Tracer& tracer) {
        for (auto& r : ropes)
            tracer.visit(r.load_relaxed());
    });
    for (int i = 0; i < kRopes; ++i) {
        String* s = build_left_deep(m_vm, 300 + i, expected[i]);
        ASSERT_NE(s, nullptr);
        ropes[i].store_release(s);
    }
    std::atomic<int> mismatches { 0 };
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            Vm vm(m_runtime);
            for (int i = 0; i < kRopes; ++i) {
                String* rope = ropes[i].load_acquire();
                if (t % 2 == 0) {
                    String* flat = rope->flatten(vm);
                    if (!flat || flat->latin1_view() != expected[i])
                        mismatches.fetch_add(1);
                } else {
                    if (rope->to_utf8() != expected[i])
                        mismatches.fetch_add(1);
                    u32 last = rope->length() - 1;
                    if (rope->char_at(last) != static_cast<char16_t>(expected[i][last]))
                        mismatches.fetch_add(1);
                }
            }
        });
    }
    join_outside_heap(m_vm, threads);
    EXPECT_EQ(mismatches.load(), 0);
    m_runtime.heap().remove_root_source(root_id);
}

TEST_F(RopeTest, RopeSurvivesCollection)
{
    std::string expected;
    String* volatile rope = build_left_deep(m_vm, 5000, expected);
    ASSERT_NE(rope, nullptr);
    m_vm.heap().collect(m_vm.mutator());
    EXPECT_EQ(rope->to_utf8(), expected);
    String* flat = rope->flatten(m_vm);
    ASSERT_NE(flat, nullptr);
    m_vm.heap().collect(m_vm.mutator());
    EXPECT_EQ(rope->flat_or_null_concurrently(), flat); // the flattened form is traced
    EXPECT_EQ(flat->latin1_view(), expected);
}

} // namespace
} // namespace weft
