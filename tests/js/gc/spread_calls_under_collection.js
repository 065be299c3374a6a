// Run with --gc-stress (a collection at every allocation-block refill): a constraint-solver-like
// workload whose hot calls pass their arguments by spread — implicit derived-class constructors
// (`constructor(...args) { super(...args); }`), `f(...list)` and `new C(...list)` — while it
// allocates objects, arrays and closures. Each spread call keeps its argument list in a rooted
// C++ vector for the duration of the call; the collector must only ever see live ones.
'use strict';

class Strength {
    constructor(value, name) { this.value = value; this.name = name; }
}
const STRONG = new Strength(1, 'strong');
const WEAK = new Strength(5, 'weak');

class Variable {
    constructor(name, value) {
        this.name = name;
        this.value = value;
        this.constraints = [];
        this.determinedBy = null;
    }
    attach(c) { this.constraints.push(c); }
}

class Constraint {
    constructor(strength, ...vars) {
        this.strength = strength;
        this.vars = vars;
        for (const v of vars) v.attach(this);
    }
    output() { return this.vars[this.vars.length - 1]; }
    execute() { return 0; }
}

// No constructors of their own: the default derived constructor forwards by spread.
class StayConstraint extends Constraint {}
class EditConstraint extends Constraint {}
class SumConstraint extends Constraint {
    execute() {
        let sum = 0;
        for (let i = 0; i < this.vars.length - 1; i++) sum += this.vars[i].value;
        this.output().value = sum;
        return sum;
    }
}
class ScaledSumConstraint extends SumConstraint {
    constructor(scale, ...rest) {
        super(...rest);
        this.scale = scale;
    }
    execute() { return (this.output().value = super.execute() * this.scale); }
}

function weighted(...values) {
    let total = 0;
    for (let i = 0; i < values.length; i++) total = (total * 31 + values[i]) % 1000003;
    return total;
}

function makeChain(n, seed) {
    const vars = [];
    for (let i = 0; i < n; i++) vars.push(new Variable('v' + seed + '_' + i, (seed + i) % 97));
    const plan = [];
    for (let i = 0; i + 2 < n; i += 2) {
        const args = [i % 3 === 0 ? STRONG : WEAK, vars[i], vars[i + 1], vars[i + 2]];
        plan.push(i % 4 === 0 ? new SumConstraint(...args) : new ScaledSumConstraint(2, ...args));
        plan.push(new StayConstraint(WEAK, vars[i]));
        plan.push(new EditConstraint(STRONG, ...[vars[i + 1]]));
    }
    return { vars, plan };
}

let checksum = 0;
for (let round = 0; round < 6; round++) {
    const { vars, plan } = makeChain(40, round);
    for (const c of plan) {
        const r = c.execute();
        checksum = weighted(checksum, r, c.strength.value, ...[c.vars.length]);
    }
    const values = vars.map((v) => v.value);
    checksum = weighted(checksum, ...values.slice(0, 8));
    const copy = new Array(...values.slice(0, 3));
    assert.equal(copy.length, 3);
    assert(vars[1].constraints.length >= 2, 'constraints attached');
}

// Deterministic: the same arithmetic in any engine.
let expected = 0;
for (let round = 0; round < 6; round++) {
    const value = [];
    for (let i = 0; i < 40; i++) value.push((round + i) % 97);
    for (let i = 0; i + 2 < 40; i += 2) {
        const sum = value[i] + value[i + 1];
        const r = i % 4 === 0 ? sum : sum * 2;
        value[i + 2] = r;
        expected = weighted(expected, r, i % 3 === 0 ? 1 : 5, 3);
        expected = weighted(expected, 0, 5, 1);
        expected = weighted(expected, 0, 1, 1);
    }
    expected = weighted(expected, ...value.slice(0, 8));
}
assert.equal(checksum, expected, 'checksum');
