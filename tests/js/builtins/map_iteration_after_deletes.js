// Map and Set iteration skips entries deleted at the front and in the middle, including the
// queue-like pattern of an LRU cache (delete the oldest key, re-insert); values checked against Node.
const m = new Map();
for (let i = 0; i < 10; i++) m.set(i, i);
const it = m.keys();
m.delete(0); m.delete(1); m.delete(3);
assert.deepEqual([...it], [2, 4, 5, 6, 7, 8, 9]);
for (let i = 0; i < 5; i++) { const k = m.keys().next().value; m.delete(k); m.set(k, k); }
assert.deepEqual([...m.keys()], [8, 9, 2, 4, 5, 6, 7]);
assert.equal(m.size, 7);
// Many evictions of the oldest entry: the first key is always the oldest live one.
const lru = new Map();
for (let i = 0; i < 1000; i++) {
    lru.set(i, i);
    if (lru.size > 10) lru.delete(lru.keys().next().value);
}
assert.deepEqual([...lru.keys()], [990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
m.clear();
m.set("a", 1);
assert.deepEqual([...m.entries()], [["a", 1]]);
const s = new Set([1, 2, 3]);
const si = s.values();
si.next();
s.delete(2); s.delete(1);
assert.deepEqual([...si], [3]);
