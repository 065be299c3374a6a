// An LRU cache on a Map (insertion order = recency), with statistics and a memoized function.
class LRUCache {
    constructor(capacity) { this.capacity = capacity; this.map = new Map(); this.hits = 0; this.misses = 0; this.evictions = []; }
    get(key) {
        if (!this.map.has(key)) { this.misses++; return undefined; }
        const value = this.map.get(key);
        this.map.delete(key);
        this.map.set(key, value);
        this.hits++;
        return value;
    }
    set(key, value) {
        if (this.map.has(key)) this.map.delete(key);
        else if (this.map.size >= this.capacity) {
            const oldest = this.map.keys().next().value;
            this.map.delete(oldest);
            this.evictions.push(oldest);
        }
        this.map.set(key, value);
        return this;
    }
    keys() { return [...this.map.keys()]; }
}
const cache = new LRUCache(3);
cache.set("a", 1).set("b", 2).set("c", 3);
console.log(cache.keys());
cache.get("a");
cache.set("d", 4);
console.log(cache.keys(), cache.evictions);
console.log(cache.get("b"), cache.get("c"), cache.hits, cache.misses);
function memoize(fn, capacity) {
    const lru = new LRUCache(capacity);
    return function (n) {
        const hit = lru.get(n);
        if (hit !== undefined) return hit;
        const value = fn(n);
        lru.set(n, value);
        return value;
    };
}
let calls = 0;
const slowSquare = memoize(n => { calls++; return n * n; }, 5);
const inputs = [1, 2, 3, 1, 2, 4, 5, 6, 1, 7, 2, 3];
console.log(inputs.map(slowSquare).join(" "), "calls:", calls);
const fib = memoize(n => (n < 2 ? n : fib(n - 1) + fib(n - 2)), 100);
console.log(fib(90));
console.log(cache);
