// Integer crypto kernels: SHA-256 over generated messages (32-bit mixing with >>>, |0, rotates)
// and RSA-style modular exponentiation on 512-bit numbers held as arrays of 16-bit limbs, using
// Montgomery multiplication.
// Exercises: int32 arithmetic and bit operations, Math.imul, dense integer arrays, nested loops.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

// ---- SHA-256 -------------------------------------------------------------------------------

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
].map((k) => k | 0);

const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
  .map((h) => h | 0);

const rotr = (x, n) => (x >>> n) | (x << (32 - n));

// bytes: array of integers 0..255. Returns the digest as eight signed 32-bit words.
function sha256(bytes) {
  const len = bytes.length;
  const padded = bytes.slice();
  padded.push(0x80);
  while (padded.length % 64 !== 56) padded.push(0);
  const bits = len * 8;
  padded.push(0, 0, 0, 0, (bits >>> 24) & 255, (bits >>> 16) & 255, (bits >>> 8) & 255, bits & 255);
  const h = H0.slice();
  const w = [];
  for (let i = 0; i < 64; i++) w.push(0);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) {
      const p = off + i * 4;
      w[i] = (padded[p] << 24) | (padded[p + 1] << 16) | (padded[p + 2] << 8) | padded[p + 3];
    }
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0] + a) | 0;
    h[1] = (h[1] + b) | 0;
    h[2] = (h[2] + c) | 0;
    h[3] = (h[3] + d) | 0;
    h[4] = (h[4] + e) | 0;
    h[5] = (h[5] + f) | 0;
    h[6] = (h[6] + g) | 0;
    h[7] = (h[7] + hh) | 0;
  }
  return h;
}

function hex(words) {
  let s = '';
  for (const x of words) s += ('0000000' + (x >>> 0).toString(16)).slice(-8);
  return s;
}

function asciiBytes(str) {
  const out = [];
  for (let i = 0; i < str.length; i++) out.push(str.charCodeAt(i) & 255);
  return out;
}

// ---- Multi-limb Montgomery arithmetic (little-endian 16-bit limbs) --------------------------

const LIMBS = 32; // 512 bits

function compare(a, b, n) {
  for (let i = n - 1; i >= 0; i--) {
    if (a[i] !== b[i]) return a[i] > b[i] ? 1 : -1;
  }
  return 0;
}

// a -= b in place (a >= b), n limbs
function subtractInPlace(a, b, n) {
  let borrow = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i] - b[i] - borrow;
    a[i] = d & 0xffff;
    borrow = d < 0 ? 1 : 0;
  }
}

class Montgomery {
  constructor(modulus) {
    const n = modulus.length;
    this.n = n;
    this.m = modulus;
    // inverse of m[0] modulo 2^16 by Newton iteration, then negate
    const m0 = modulus[0];
    let inv = m0;
    for (let i = 0; i < 4; i++) inv = Math.imul(inv, 2 - Math.imul(m0, inv)) & 0xffff;
    this.mInv = (0x10000 - inv) & 0xffff;
    this.t = [];
    for (let i = 0; i < n + 2; i++) this.t.push(0);
    // R^2 mod m where R = 2^(16n): double 1 modulo m, 2*16*n times
    const r2 = [];
    for (let i = 0; i <= n; i++) r2.push(0);
    r2[0] = 1;
    for (let k = 0; k < 32 * n; k++) {
      let carry = 0;
      for (let i = 0; i <= n; i++) {
        const v = r2[i] * 2 + carry;
        r2[i] = v & 0xffff;
        carry = v >>> 16;
      }
      if (r2[n] !== 0 || compare(r2, modulus, n) >= 0) {
        subtractInPlace(r2, modulus, n);
        r2[n] = 0;
      }
    }
    r2.length = n;
    this.r2 = r2;
  }
  // out = a * b / R mod m
  multiply(a, b, out) {
    const n = this.n, m = this.m, t = this.t, mInv = this.mInv;
    for (let i = 0; i < n + 2; i++) t[i] = 0;
    for (let i = 0; i < n; i++) {
      const ai = a[i];
      let carry = 0;
      for (let j = 0; j < n; j++) {
        const s = t[j] + ai * b[j] + carry;
        t[j] = s & 0xffff;
        carry = s >>> 16;
      }
      let s = t[n] + carry;
      t[n] = s & 0xffff;
      t[n + 1] = s >>> 16;
      const u = Math.imul(t[0], mInv) & 0xffff;
      s = t[0] + u * m[0];
      carry = s >>> 16;
      for (let j = 1; j < n; j++) {
        s = t[j] + u * m[j] + carry;
        t[j - 1] = s & 0xffff;
        carry = s >>> 16;
      }
      s = t[n] + carry;
      t[n - 1] = s & 0xffff;
      t[n] = t[n + 1] + (s >>> 16);
    }
    if (t[n] !== 0 || compare(t, m, n) >= 0) subtractInPlace(t, m, n + 1);
    for (let i = 0; i < n; i++) out[i] = t[i];
  }
  // base^exp mod m; exp given as 16-bit limbs
  power(base, exp) {
    const n = this.n;
    const one = [];
    for (let i = 0; i < n; i++) one.push(i === 0 ? 1 : 0);
    const b = new Array(n), acc = new Array(n);
    this.multiply(base, this.r2, b); // to Montgomery form
    this.multiply(one, this.r2, acc);
    for (let i = exp.length - 1; i >= 0; i--) {
      const limb = exp[i];
      for (let bit = 15; bit >= 0; bit--) {
        this.multiply(acc, acc, acc);
        if ((limb >>> bit) & 1) this.multiply(acc, b, acc);
      }
    }
    this.multiply(acc, one, acc); // out of Montgomery form
    return acc;
  }
}

let seed = 0x2545f491;
function rand16() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 8) & 0xffff;
}

function randomNumber(limbs) {
  const a = [];
  for (let i = 0; i < limbs; i++) a.push(rand16());
  return a;
}

function limbsToHex(a) {
  let s = '';
  for (let i = a.length - 1; i >= 0; i--) s += ('000' + a[i].toString(16)).slice(-4);
  return s;
}

// ---- driver ---------------------------------------------------------------------------------

if (hex(sha256(asciiBytes('abc'))) !== 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad') {
  throw new Error('sha256 self-test failed');
}

const rounds = Math.max(1, Math.round(13 * SCALE));
let checksum = 0;
let message = asciiBytes('Weft single-thread benchmark message. ');
for (let r = 0; r < rounds; r++) {
  // hashing: a chain of digests over a message that grows and changes each time
  for (let k = 0; k < 40; k++) {
    const digest = sha256(message);
    for (let i = 0; i < 8; i++) {
      const x = digest[i];
      message.push(x & 255, (x >>> 8) & 255);
    }
    if (message.length > 1500) message = message.slice(700);
    checksum = (Math.imul(checksum, 31) + digest[k & 7]) | 0;
  }
  // modular exponentiation with a fresh odd modulus each round
  const mod = randomNumber(LIMBS);
  mod[0] |= 1;
  mod[LIMBS - 1] |= 0x8000;
  const ctx = new Montgomery(mod);
  const base = randomNumber(LIMBS);
  base[LIMBS - 1] &= 0x7fff;
  const exp = randomNumber(LIMBS);
  const result = ctx.power(base, exp);
  if (typeof BENCH_VERIFY === 'function') BENCH_VERIFY(limbsToHex(base), limbsToHex(exp), limbsToHex(mod), limbsToHex(result));
  for (let i = 0; i < LIMBS; i++) checksum = (Math.imul(checksum, 17) + result[i]) | 0;
}
emit(`checksum: ${checksum >>> 0}`);
