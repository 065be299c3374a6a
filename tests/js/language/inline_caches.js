// Property access sites that see one, several and many receiver shapes (monomorphic,
// polymorphic and megamorphic inline caches) read and write the right slots, including
// prototype properties whose prototypes change shape, frozen receivers and deleted properties.
"use strict";

function makeShapes(n) {
    // Object i has i filler properties before `x`, so each has its own shape and slot for x.
    const objects = [];
    for (let i = 0; i < n; i++) {
        const o = {};
        for (let j = 0; j < i; j++) o["f" + j] = j;
        o.x = i * 10;
        objects.push(o);
    }
    return objects;
}

function readX(o) { return o.x; }
function writeX(o, v) { o.x = v; }

for (const n of [1, 2, 3, 4, 5, 8]) {
    const objects = makeShapes(n);
    for (let round = 0; round < 3; round++) {
        for (let i = 0; i < n; i++) assert.equal(readX(objects[i]), i * 10 + round, "read, " + n + " shapes");
        for (let i = 0; i < n; i++) writeX(objects[i], i * 10 + round + 1);
    }
    for (let i = 0; i < n; i++) {
        assert.equal(objects[i].x, i * 10 + 3);
        // A write through the site never lands in a filler slot.
        for (let j = 0; j < i; j++) assert.equal(objects[i]["f" + j], j);
    }
}

// Prototype properties at a polymorphic site, with the prototype changing shape in between.
class A { m() { return "A"; } }
class B extends A { m() { return "B"; } }
class C extends A { }
function callM(o) { return o.m(); }
const receivers = [new A(), new B(), new C(), { m() { return "own"; } }];
const expected = ["A", "B", "A", "own"];
for (let round = 0; round < 3; round++)
    receivers.forEach((o, i) => assert.equal(callM(o), expected[i]));
A.prototype.extra = 1; // A.prototype changes shape: cached records for A and C must not be stale
A.prototype.m = function () { return "A2"; };
receivers.forEach((o, i) => assert.equal(callM(o), ["A2", "B", "A2", "own"][i]));
delete B.prototype.m;
assert.equal(callM(receivers[1]), "A2", "a deleted prototype method falls back to the next prototype");

// A frozen receiver at a polymorphic write site keeps its value and throws in strict code.
const objects = makeShapes(3);
for (let k = 0; k < 3; k++) objects.forEach((o, i) => writeX(o, k));
Object.freeze(objects[1]);
assert.throws(TypeError, () => writeX(objects[1], 99));
assert.equal(objects[1].x, 2);
writeX(objects[0], 7);
assert.equal(objects[0].x, 7);

// Deleting a property changes the shape: the site must not read the old slot.
const d = makeShapes(2);
for (let k = 0; k < 3; k++) d.forEach(readX);
delete d[1].x;
assert.equal(readX(d[1]), undefined);
d[1].x = 5;
assert.equal(readX(d[1]), 5);

// Many shapes (megamorphic): still correct after the site stops caching.
const many = makeShapes(12);
for (let k = 0; k < 4; k++) many.forEach((o, i) => assert.equal(readX(o), i * 10));
