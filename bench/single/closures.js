// Closure- and array-method-heavy workload: an inventory of orders processed with map, filter,
// reduce, forEach, some, every, find, findIndex and sort with comparator closures, plus
// higher-order helpers (compose, memoize, counters) that create and call many small closures.
// Exercises: function creation and calls through builtins, captured variables, arrow functions,
// destructuring, Map/Set, array allocation.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

function makeRandom(seed) {
  let s = seed | 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return (s >>> 8) & 0xffff;
  };
}

const compose = (...fns) => (x) => fns.reduceRight((acc, f) => f(acc), x);

function memoize(fn) {
  const cache = new Map();
  return (n) => {
    let v = cache.get(n);
    if (v === undefined) {
      v = fn(n);
      cache.set(n, v);
    }
    return v;
  };
}

function counter() {
  let count = 0;
  return { bump: (k = 1) => (count += k), get: () => count };
}

const REGIONS = ['north', 'south', 'east', 'west', 'central'];
const CATEGORIES = ['tools', 'books', 'food', 'toys', 'garden', 'music', 'sport'];

function makeOrders(n, rnd) {
  const orders = [];
  for (let i = 0; i < n; i++) {
    const items = [];
    const count = 1 + (rnd() % 5);
    for (let k = 0; k < count; k++) {
      items.push({ sku: rnd() % 500, qty: 1 + (rnd() % 4), price: 1 + (rnd() % 2000) / 100 });
    }
    orders.push({
      id: i,
      region: REGIONS[rnd() % REGIONS.length],
      category: CATEGORIES[rnd() % CATEGORIES.length],
      priority: rnd() % 10,
      items,
    });
  }
  return orders;
}

function processOrders(orders, rnd) {
  const calls = counter();
  const totalOf = (order) => {
    calls.bump();
    return order.items.reduce((sum, { qty, price }) => sum + qty * price, 0);
  };
  const discount = (pct) => (x) => x * (100 - pct) / 100;
  const roundCents = (x) => Math.round(x * 100);
  const priced = compose(roundCents, discount(5));

  // map + filter + reduce
  const totals = orders.map((o) => ({ id: o.id, region: o.region, cents: priced(totalOf(o)), o }));
  const big = totals.filter(({ cents }) => cents > 3000);
  const revenue = big.reduce((acc, t) => acc + t.cents, 0);

  // group with forEach into a Map of arrays, then summarize with Set
  const byRegion = new Map();
  totals.forEach((t) => {
    let list = byRegion.get(t.region);
    if (!list) byRegion.set(t.region, (list = []));
    list.push(t);
  });
  let regionScore = 0;
  for (const [region, list] of byRegion) {
    const skus = new Set();
    list.forEach(({ o }) => o.items.forEach(({ sku }) => skus.add(sku)));
    regionScore += region.length * list.length + skus.size;
  }

  // sorting with comparator closures (total orders, so the result is engine-independent)
  const byValue = totals.slice().sort((a, b) => b.cents - a.cents || a.id - b.id);
  const byKey = orders.slice().sort((a, b) =>
    a.category < b.category ? -1 : a.category > b.category ? 1 : a.priority - b.priority || a.id - b.id);
  const top = byValue.slice(0, 10).map((t) => t.id);
  const firstOfCategory = CATEGORIES.map((c) => byKey.findIndex((o) => o.category === c));

  // predicates
  const allPositive = totals.every((t) => t.cents > 0);
  const anyHuge = totals.some((t) => t.cents > 40000);
  const urgent = orders.find((o) => o.priority === 9 && o.items.length === 5);

  // memoized recursion and repeated small closures
  const fib = memoize((n) => (n < 2 ? n : fib(n - 1) + fib(n - 2)));
  let fibSum = 0;
  for (let i = 0; i < 60; i++) fibSum = (fibSum + fib(i % 40)) % 1000003;
  const adders = [];
  for (let i = 0; i < 50; i++) adders.push((x) => x + i);
  const chained = adders.reduce((acc, f) => f(acc), rnd() % 100);

  // flatten-and-count via concat and indexOf
  const skus = orders.slice(0, 200).reduce((acc, o) => acc.concat(o.items.map((it) => it.sku)), []);
  const distinct = skus.filter((s, i) => skus.indexOf(s) === i).length;

  let h = revenue % 1000000007;
  h = (h * 31 + regionScore) % 1000000007;
  h = (h * 31 + top.reduce((a, x) => a * 7 + x, 0) % 1000003) % 1000000007;
  h = (h * 31 + firstOfCategory.reduce((a, x) => a + x, 0)) % 1000000007;
  h = (h * 31 + (allPositive ? 1 : 0) + (anyHuge ? 2 : 0) + (urgent ? urgent.id : 0)) % 1000000007;
  h = (h * 31 + fibSum + chained + distinct + calls.get()) % 1000000007;
  return h;
}

const rounds = Math.max(1, Math.round(140 * SCALE));
const rnd = makeRandom(2024);
let checksum = 0;
for (let r = 0; r < rounds; r++) {
  const orders = makeOrders(3000, rnd);
  checksum = (checksum * 17 + processOrders(orders, rnd)) % 1000000007;
}
emit(`checksum: ${checksum}`);
