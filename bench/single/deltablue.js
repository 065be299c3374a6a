// DeltaBlue-style incremental constraint solver: variables linked by stay, edit, equality and
// scale constraints of graded strength; adding or removing a constraint re-plans incrementally
// (walkabout strengths, method choice, propagation), then extracted plans are executed.
// Exercises: polymorphic virtual calls through a class hierarchy, arrays as worklists,
// object allocation, many short methods.
'use strict';

const SCALE = typeof BENCH_SCALE === 'number' && BENCH_SCALE > 0 ? BENCH_SCALE : 1;
const emit = typeof print === 'function' ? print : (s) => console.log(s);

// Strengths: a smaller number is a stronger constraint.
const REQUIRED = 0, STRONG_PREFERRED = 1, PREFERRED = 2, STRONG_DEFAULT = 3, NORMAL = 4,
  WEAK_DEFAULT = 5, WEAKEST = 6;
const stronger = (a, b) => a < b;
const weaker = (a, b) => a > b;
const weakestOf = (a, b) => (a > b ? a : b);

const NONE = 0, FORWARD = 1, BACKWARD = 2;

class Variable {
  constructor(name, value) {
    this.name = name;
    this.value = value;
    this.constraints = [];
    this.determinedBy = null;
    this.mark = 0;
    this.walkStrength = WEAKEST;
    this.stay = true;
  }
  attach(c) {
    this.constraints.push(c);
  }
  detach(c) {
    const list = this.constraints;
    let w = 0;
    for (let r = 0; r < list.length; r++) {
      if (list[r] !== c) list[w++] = list[r];
    }
    list.length = w;
    if (this.determinedBy === c) this.determinedBy = null;
  }
}

class Constraint {
  constructor(strength, solver) {
    this.strength = strength;
    this.solver = solver;
  }
  install() {
    this.addToGraph();
    this.solver.incrementalAdd(this);
  }
  uninstall() {
    if (this.isSatisfied()) this.solver.incrementalRemove(this);
    this.removeFromGraph();
  }
  // Returns the constraint this one displaced, or null.
  satisfy(mark) {
    this.chooseMethod(mark);
    if (!this.isSatisfied()) {
      if (this.strength === REQUIRED) throw new Error('required constraint could not be satisfied');
      return null;
    }
    this.markInputs(mark);
    const out = this.output();
    const displaced = out.determinedBy;
    if (displaced !== null) displaced.markUnsatisfied();
    out.determinedBy = this;
    if (!this.solver.addPropagate(this, mark)) throw new Error('constraint cycle');
    out.mark = mark;
    return displaced;
  }
  isInput() {
    return false;
  }
}

class UnaryConstraint extends Constraint {
  constructor(v, strength, solver) {
    super(strength, solver);
    this.v = v;
    this.satisfied = false;
    this.install();
  }
  addToGraph() {
    this.v.attach(this);
    this.satisfied = false;
  }
  removeFromGraph() {
    this.v.detach(this);
    this.satisfied = false;
  }
  chooseMethod(mark) {
    this.satisfied = this.v.mark !== mark && stronger(this.strength, this.v.walkStrength);
  }
  isSatisfied() {
    return this.satisfied;
  }
  markInputs(mark) {}
  output() {
    return this.v;
  }
  recalculate() {
    this.v.walkStrength = this.strength;
    this.v.stay = !this.isInput();
    if (this.v.stay) this.execute();
  }
  markUnsatisfied() {
    this.satisfied = false;
  }
  inputsKnown(mark) {
    return true;
  }
}

class StayConstraint extends UnaryConstraint {
  execute() {}
}

class EditConstraint extends UnaryConstraint {
  isInput() {
    return true;
  }
  execute() {}
}

class BinaryConstraint extends Constraint {
  constructor(a, b, strength, solver) {
    super(strength, solver);
    this.a = a;
    this.b = b;
    this.direction = NONE;
  }
  addToGraph() {
    this.a.attach(this);
    this.b.attach(this);
    this.direction = NONE;
  }
  removeFromGraph() {
    this.a.detach(this);
    this.b.detach(this);
    this.direction = NONE;
  }
  chooseMethod(mark) {
    const a = this.a, b = this.b;
    if (a.mark === mark) {
      this.direction = b.mark !== mark && stronger(this.strength, b.walkStrength) ? FORWARD : NONE;
    } else if (b.mark === mark) {
      this.direction = stronger(this.strength, a.walkStrength) ? BACKWARD : NONE;
    } else if (weaker(a.walkStrength, b.walkStrength)) {
      this.direction = stronger(this.strength, a.walkStrength) ? BACKWARD : NONE;
    } else {
      this.direction = stronger(this.strength, b.walkStrength) ? FORWARD : NONE;
    }
  }
  isSatisfied() {
    return this.direction !== NONE;
  }
  input() {
    return this.direction === FORWARD ? this.a : this.b;
  }
  output() {
    return this.direction === FORWARD ? this.b : this.a;
  }
  markInputs(mark) {
    this.input().mark = mark;
  }
  recalculate() {
    const src = this.input(), out = this.output();
    out.walkStrength = weakestOf(this.strength, src.walkStrength);
    out.stay = src.stay;
    if (out.stay) this.execute();
  }
  markUnsatisfied() {
    this.direction = NONE;
  }
  inputsKnown(mark) {
    const src = this.input();
    return src.mark === mark || src.stay || src.determinedBy === null;
  }
}

class EqualityConstraint extends BinaryConstraint {
  constructor(a, b, strength, solver) {
    super(a, b, strength, solver);
    this.install();
  }
  execute() {
    this.output().value = this.input().value;
  }
}

// b = a * factor + offset
class ScaleConstraint extends BinaryConstraint {
  constructor(a, factor, offset, b, strength, solver) {
    super(a, b, strength, solver);
    this.factor = factor;
    this.offset = offset;
    this.install();
  }
  addToGraph() {
    super.addToGraph();
    this.factor.attach(this);
    this.offset.attach(this);
  }
  removeFromGraph() {
    super.removeFromGraph();
    this.factor.detach(this);
    this.offset.detach(this);
  }
  markInputs(mark) {
    super.markInputs(mark);
    this.factor.mark = mark;
    this.offset.mark = mark;
  }
  execute() {
    if (this.direction === FORWARD) {
      this.b.value = this.a.value * this.factor.value + this.offset.value;
    } else {
      this.a.value = (this.b.value - this.offset.value) / this.factor.value;
    }
  }
  recalculate() {
    const src = this.input(), out = this.output();
    out.walkStrength = weakestOf(this.strength, src.walkStrength);
    out.stay = src.stay && this.factor.stay && this.offset.stay;
    if (out.stay) this.execute();
  }
}

class Solver {
  constructor() {
    this.mark = 0;
  }
  nextMark() {
    return ++this.mark;
  }
  incrementalAdd(c) {
    const mark = this.nextMark();
    let displaced = c.satisfy(mark);
    while (displaced !== null) displaced = displaced.satisfy(mark);
  }
  incrementalRemove(c) {
    const out = c.output();
    c.markUnsatisfied();
    c.removeFromGraph();
    const orphans = this.removePropagateFrom(out);
    for (let s = REQUIRED; s < WEAKEST; s++) {
      for (let i = 0; i < orphans.length; i++) {
        const u = orphans[i];
        if (u.strength === s) this.incrementalAdd(u);
      }
    }
  }
  addPropagate(c, mark) {
    const todo = [c];
    while (todo.length > 0) {
      const d = todo.pop();
      if (d.output().mark === mark) {
        this.incrementalRemove(c);
        return false;
      }
      d.recalculate();
      this.pushConsumers(d.output(), todo);
    }
    return true;
  }
  removePropagateFrom(out) {
    out.determinedBy = null;
    out.walkStrength = WEAKEST;
    out.stay = true;
    const orphans = [];
    const todo = [out];
    while (todo.length > 0) {
      const v = todo.pop();
      const cs = v.constraints;
      for (let i = 0; i < cs.length; i++) {
        if (!cs[i].isSatisfied()) orphans.push(cs[i]);
      }
      const source = v.determinedBy;
      for (let i = 0; i < cs.length; i++) {
        const next = cs[i];
        if (next !== source && next.isSatisfied()) {
          next.recalculate();
          todo.push(next.output());
        }
      }
    }
    return orphans;
  }
  pushConsumers(v, into) {
    const source = v.determinedBy;
    const cs = v.constraints;
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i];
      if (c !== source && c.isSatisfied()) into.push(c);
    }
  }
  planFrom(sources) {
    const mark = this.nextMark();
    const plan = [];
    const todo = sources.slice();
    let head = 0;
    while (head < todo.length) {
      const c = todo[head++];
      const out = c.output();
      if (out.mark !== mark && c.inputsKnown(mark)) {
        plan.push(c);
        out.mark = mark;
        this.pushConsumers(out, todo);
      }
    }
    return plan;
  }
  planForInputs(constraints) {
    const sources = [];
    for (const c of constraints) {
      if (c.isInput() && c.isSatisfied()) sources.push(c);
    }
    return this.planFrom(sources);
  }
}

function runPlan(plan) {
  for (let i = 0; i < plan.length; i++) plan[i].execute();
}

function chain(n) {
  const solver = new Solver();
  const vars = [];
  for (let i = 0; i <= n; i++) vars.push(new Variable(`v${i}`, 0));
  for (let i = 0; i < n; i++) new EqualityConstraint(vars[i], vars[i + 1], REQUIRED, solver);
  const first = vars[0], last = vars[n];
  new StayConstraint(last, STRONG_DEFAULT, solver);
  const edit = new EditConstraint(first, PREFERRED, solver);
  const plan = solver.planForInputs([edit]);
  let sum = 0;
  for (let i = 0; i < 100; i++) {
    first.value = i;
    runPlan(plan);
    if (last.value !== i) throw new Error('chain propagated the wrong value');
    sum += last.value;
  }
  edit.uninstall();
  return sum + plan.length;
}

function edit(solver, v, value) {
  const e = new EditConstraint(v, PREFERRED, solver);
  const plan = solver.planForInputs([e]);
  for (let i = 0; i < 10; i++) {
    v.value = value;
    runPlan(plan);
  }
  e.uninstall();
}

function projection(n) {
  const solver = new Solver();
  const factor = new Variable('factor', 10);
  const offset = new Variable('offset', 1000);
  let src = null, dst = null;
  const outs = [];
  for (let i = 0; i < n; i++) {
    src = new Variable(`src${i}`, i);
    dst = new Variable(`dst${i}`, i);
    outs.push(dst);
    new StayConstraint(src, NORMAL, solver);
    new ScaleConstraint(src, factor, offset, dst, REQUIRED, solver);
  }
  let sum = 0;
  edit(solver, src, 17);
  if (dst.value !== 1170) throw new Error('projection: forward scale failed');
  edit(solver, dst, 1050);
  if (src.value !== 5) throw new Error('projection: backward scale failed');
  edit(solver, factor, 5);
  for (let i = 0; i < n - 1; i++) {
    if (outs[i].value !== i * 5 + 1000) throw new Error('projection: factor change failed');
    sum += outs[i].value;
  }
  edit(solver, offset, 2000);
  for (let i = 0; i < n - 1; i++) {
    if (outs[i].value !== i * 5 + 2000) throw new Error('projection: offset change failed');
    sum += outs[i].value;
  }
  return sum;
}

const repeats = Math.max(1, Math.round(450 * SCALE));
let checksum = 0;
for (let r = 0; r < repeats; r++) {
  const n = 100 + (r % 5) * 10;
  checksum = (checksum * 31 + chain(n) + projection(n)) % 1000000007;
}
emit(`checksum: ${checksum}`);
