// Splay tree: a self-adjusting binary search tree under a steady stream of inserts, lookups and
// removals, where every node carries a freshly allocated payload (a small object graph with an
// array and a string), so the collector sees a large live set with constant turnover.
// Exercises: pointer-chasing property access, allocation and garbage collection, string building.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

class Node {
  constructor(key, value) {
    this.key = key;
    this.value = value;
    this.left = null;
    this.right = null;
  }
}

class SplayTree {
  constructor() {
    this.root = null;
    this.size = 0;
  }
  // Top-down splay: brings the node with `key` (or the last node on its search path) to the root.
  splay(key) {
    if (this.root === null) return;
    const header = new Node(0, null);
    let leftMax = header, rightMin = header;
    let t = this.root;
    for (;;) {
      if (key < t.key) {
        if (t.left === null) break;
        if (key < t.left.key) {
          const y = t.left; // rotate right
          t.left = y.right;
          y.right = t;
          t = y;
          if (t.left === null) break;
        }
        rightMin.left = t;
        rightMin = t;
        t = t.left;
      } else if (key > t.key) {
        if (t.right === null) break;
        if (key > t.right.key) {
          const y = t.right; // rotate left
          t.right = y.left;
          y.left = t;
          t = y;
          if (t.right === null) break;
        }
        leftMax.right = t;
        leftMax = t;
        t = t.right;
      } else {
        break;
      }
    }
    leftMax.right = t.left;
    rightMin.left = t.right;
    t.left = header.right;
    t.right = header.left;
    this.root = t;
  }
  insert(key, value) {
    if (this.root === null) {
      this.root = new Node(key, value);
      this.size = 1;
      return true;
    }
    this.splay(key);
    const r = this.root;
    if (r.key === key) return false;
    const n = new Node(key, value);
    if (key > r.key) {
      n.left = r;
      n.right = r.right;
      r.right = null;
    } else {
      n.right = r;
      n.left = r.left;
      r.left = null;
    }
    this.root = n;
    this.size++;
    return true;
  }
  find(key) {
    if (this.root === null) return null;
    this.splay(key);
    return this.root.key === key ? this.root : null;
  }
  remove(key) {
    if (this.find(key) === null) return null;
    const removed = this.root;
    if (removed.left === null) {
      this.root = removed.right;
    } else {
      const right = removed.right;
      this.root = removed.left;
      this.splay(key); // the largest key of the left subtree rises to the root
      this.root.right = right;
    }
    this.size--;
    return removed;
  }
  // Iterative in-order walk.
  forEachInOrder(fn) {
    const stack = [];
    let n = this.root;
    while (n !== null || stack.length > 0) {
      while (n !== null) {
        stack.push(n);
        n = n.left;
      }
      n = stack.pop();
      fn(n);
      n = n.right;
    }
  }
}

let seed = 12345;
function nextKey() {
  // xorshift32, kept non-negative and below 2^30 so keys are small integers
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 2) & 0x3fffffff;
}

function makePayload(key, depth) {
  if (depth === 0) {
    return { tag: 'leaf', numbers: [key & 255, (key >> 8) & 255, (key >> 16) & 255, depth], label: `k${key}` };
  }
  return { left: makePayload(key, depth - 1), right: makePayload(key + 1, depth - 1) };
}

function payloadWeight(p) {
  if (p.tag === 'leaf') return p.numbers[0] + p.numbers[1] + p.numbers[2] + p.label.length;
  return payloadWeight(p.left) + payloadWeight(p.right);
}

const TREE_SIZE = 8000;
const tree = new SplayTree();
const recent = []; // keys in insertion order, used as a FIFO of removal candidates
let head = 0;
while (tree.size < TREE_SIZE) {
  const k = nextKey();
  if (tree.insert(k, makePayload(k, 3))) recent.push(k);
}

const steps = Math.max(1, Math.round(70000 * SCALE));
let checksum = 0;
for (let i = 0; i < steps; i++) {
  const k = nextKey();
  if (tree.find(k) !== null) continue;
  tree.insert(k, makePayload(k, 3));
  recent.push(k);
  const probe = recent[head + ((k >>> 3) % (recent.length - head))];
  const hit = tree.find(probe);
  if (hit !== null && (i & 15) === 0) checksum = (checksum + payloadWeight(hit.value)) % 1000000007;
  const old = tree.remove(recent[head++]);
  if (old === null) throw new Error('splay: lost a key');
  checksum = (checksum * 3 + (old.key & 0xffff)) % 1000000007;
  if (head > 4096) {
    recent.splice(0, head);
    head = 0;
  }
}

let count = 0, prev = -1, ordered = true;
tree.forEachInOrder((n) => {
  if (n.key <= prev) ordered = false;
  prev = n.key;
  count++;
  checksum = (checksum * 7 + (n.key % 1000)) % 1000000007;
});
if (!ordered || count !== TREE_SIZE || tree.size !== TREE_SIZE) throw new Error('splay: tree corrupted');
emit(`checksum: ${checksum}`);
