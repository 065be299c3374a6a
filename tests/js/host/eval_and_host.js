// Indirect eval, the $262 host object (evalScript, createRealm, gc) and import() from a script.
var indirect = eval;
assert.equal(indirect("1 + 2"), 3);
assert.equal(eval(7), 7, "a non-string argument is returned as is");
indirect("var declaredByEval = 'global';");
assert.equal(globalThis.declaredByEval, "global", "eval code declares globals");
assert.throws(SyntaxError, () => indirect("var ;"));
assert.equal(indirect("if (true) { 'completion'; }"), "completion");

assert.equal($262.global, globalThis);
assert.equal($262.evalScript("var fromEvalScript = 5; fromEvalScript * 2"), 10);
assert.equal(fromEvalScript, 5);
assert.throws(SyntaxError, () => $262.evalScript("let let = 1;"));
$262.gc();

var other = $262.createRealm();
assert.notEqual(other.global, globalThis);
assert.equal(other.evalScript("var inOther = 3; inOther"), 3);
assert.equal(other.global.inOther, 3);
assert.equal(typeof inOther, "undefined", "realms have separate globals");
assert.notEqual(other.global.Array, Array, "realms have separate intrinsics");
assert(other.evalScript("[]") instanceof other.global.Array);
assert.equal(other.evalScript("[]") instanceof Array, false);
assert.throws(other.global.SyntaxError, () => other.evalScript("var ;"));
assert.equal(typeof other.global.$262.createRealm, "function");

var done = false;
import("../modules/fixtures/counter.mjs").then(ns => {
    ns.increment();
    assert.equal(ns.count, 1);
    assert.equal(ns.default(), "default function");
    done = true;
});
var missing;
import("./no_such_module.mjs").catch(e => { missing = e; });
setTimeout(() => {
    assert(done, "import() from a script resolves against the script's file");
    assert(missing instanceof Error, "a missing module rejects import()");
}, 10);

// Eval code's lexical declarations are its own; strict eval code's vars too.
let outerLexical = "outer";
assert.equal(indirect("let outerLexical = 'inner'; outerLexical"), "inner");
assert.equal(outerLexical, "outer");
indirect("'use strict'; var strictEvalVar = 1;");
assert.equal(typeof strictEvalVar, "undefined");

// Global declaration conflicts are found before any binding of the script is created.
$262.evalScript("let declaredOnce = 1;");
assert.throws(SyntaxError, () => $262.evalScript("var notCreated; let declaredOnce;"));
assert.equal(typeof notCreated, "undefined", "a failing script creates no bindings");
assert.throws(SyntaxError, () => $262.evalScript("var declaredOnce;"));
assert.throws(SyntaxError, () => $262.evalScript("let undefined;"));

// Another realm's eval runs in that realm.
var otherGlobal = $262.createRealm().global;
otherGlobal.eval("var realmLocal = 23;");
assert.equal(typeof realmLocal, "undefined");
assert.equal(otherGlobal.realmLocal, 23);
