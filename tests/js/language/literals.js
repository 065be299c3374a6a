// Literals: numbers, strings, templates, booleans, null/undefined, objects, arrays.
assert.equal(0x1f, 31);
assert.equal(0o17, 15);
assert.equal(0b101, 5);
assert.equal(1_000_000, 1000000);
assert.equal(1e3, 1000);
assert.equal(.5 + .25, 0.75);
assert.equal("a\tb".length, 3);
assert.equal("\u0041\x42", "AB");
assert.equal("\u{1F600}".length, 2);
assert.equal('single' + "double", "singledouble");
const n = 3;
assert.equal(`n=${n} twice=${n * 2}`, "n=3 twice=6");
assert.equal(`multi
line`, "multi\nline");
assert.equal(`${`nested ${n}`}!`, "nested 3!");
assert.equal(typeof null, "object");
assert.equal(typeof undefined, "undefined");
assert.equal(true && !false, true);
const obj = { a: 1, "b-c": 2, 3: "three", [`k${n}`]: 4, n };
assert.deepEqual(Object.keys(obj), ["3", "a", "b-c", "k3", "n"]);
assert.equal(obj["b-c"], 2);
assert.equal(obj.n, 3);
const arr = [1, , 3, ...[4, 5]];
assert.equal(arr.length, 5);
assert.equal(1 in arr, false);
assert.equal(arr[4], 5);
assert.deepEqual([...[], ...[1]], [1]);
const proto = { inherited: true };
const child = { __proto__: proto, own: 1 };
assert.equal(child.inherited, true);
assert.equal(Object.getPrototypeOf(child), proto);
const withMethods = {
    value: 10,
    get double() { return this.value * 2; },
    set double(v) { this.value = v / 2; },
    method() { return this.value + 1; },
};
assert.equal(withMethods.double, 20);
withMethods.double = 8;
assert.equal(withMethods.value, 4);
assert.equal(withMethods.method(), 5);
assert.equal(withMethods.method.name, "method");
assert.equal(Object.getOwnPropertyDescriptor(withMethods, "double").get.name, "get double");
