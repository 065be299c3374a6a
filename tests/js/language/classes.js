// Classes: constructors, methods, accessors, statics, inheritance, super, fields, private names.
class Animal {
    static count = 0;
    #secret = "hidden";
    name;
    legs = 4;
    constructor(name) { this.name = name; Animal.count++; }
    speak() { return `${this.name} makes a sound`; }
    get description() { return `${this.name} (${this.legs})`; }
    set nickname(v) { this.nick = v.toUpperCase(); }
    static create(n) { return new this(n); }
    reveal() { return this.#secret; }
    #privateMethod() { return "pm:" + this.name; }
    callPrivate() { return this.#privateMethod(); }
    static isAnimal(o) { return #secret in o; }
}
class Dog extends Animal {
    constructor(name) { super(name); this.kind = "dog"; }
    speak() { return super.speak() + " (woof)"; }
    get description() { return "Dog " + super.description; }
}
const d = new Dog("Rex");
assert.equal(d.speak(), "Rex makes a sound (woof)");
assert.equal(d.description, "Dog Rex (4)");
d.nickname = "rexy";
assert.equal(d.nick, "REXY");
assert.equal(d.reveal(), "hidden");
assert.equal(d.callPrivate(), "pm:Rex");
assert.equal(Animal.isAnimal(d), true);
assert.equal(Animal.isAnimal({}), false);
assert.equal(Animal.count, 1);
const a = Dog.create("Fido");
assert.equal(a instanceof Dog, true);
assert.equal(Animal.count, 2);
assert.equal(Object.getPrototypeOf(Dog), Animal);
assert.equal(Object.getPrototypeOf(Dog.prototype), Animal.prototype);
assert.deepEqual(Object.keys(d), ["name", "legs", "kind", "nick"]);
assert.equal(typeof Animal, "function");
assert.equal(Animal.name, "Animal");
assert.throws(TypeError, () => Animal("x"));
assert.throws(TypeError, () => d.reveal.call({}));
assert.equal(Object.getOwnPropertyNames(Animal.prototype).includes("speak"), true);
assert.equal(Object.getOwnPropertyDescriptor(Animal.prototype, "speak").enumerable, false);
class Base { constructor() { this.fromBase = new.target.name; } }
class Derived extends Base {}
assert.equal(new Derived().fromBase, "Derived");
class NoSuper extends Base { constructor() { } }
assert.throws(ReferenceError, () => new NoSuper());
class Twice extends Base { constructor() { super(); super(); } }
assert.throws(ReferenceError, () => new Twice());
class ReturnsObj extends Base { constructor() { return { custom: true }; } }
assert.deepEqual(new ReturnsObj(), { custom: true });
const Expr = class Named { who() { return Named.name; } };
assert.equal(new Expr().who(), "Named");
const key = "dyn";
class Computed { [key + "Method"]() { return 1; } static [Symbol.for("s")] = 2; ["field" + 1] = 3; }
assert.equal(new Computed().dynMethod(), 1);
assert.equal(Computed[Symbol.for("s")], 2);
assert.equal(new Computed().field1, 3);
class Counter {
    static #instances = 0;
    static { Counter.ready = true; }
    #n = 0;
    constructor() { Counter.#instances++; }
    inc() { this.#n++; return this; }
    get value() { return this.#n; }
    static get instances() { return Counter.#instances; }
}
assert.equal(new Counter().inc().inc().value, 2);
assert.equal(Counter.instances, 1);
assert.equal(Counter.ready, true);
class ArrowField { x = 1; getX = () => this.x; }
const af = new ArrowField();
const getX = af.getX;
assert.equal(getX(), 1);
class ExtendsNull extends null { constructor() { return Object.create(ExtendsNull.prototype); } }
assert.equal(Object.getPrototypeOf(ExtendsNull.prototype), null);
assert.throws(TypeError, () => { class X extends 5 {} });
class MyError extends Error { constructor(m) { super(m); this.name = "MyError"; } }
const me = new MyError("boom");
assert.equal(me instanceof Error, true);
assert.equal(me.message, "boom");
assert.equal(String(me), "MyError: boom");
class MyArray extends Array {}
const ma = new MyArray();
ma.push(1, 2);
assert.equal(ma.length, 2);
assert.equal(ma instanceof MyArray, true);
class Accessors { static #v = 1; static get v() { return this.#v; } static set v(x) { this.#v = x; } }
Accessors.v = 9;
assert.equal(Accessors.v, 9);
