// A tiny self-checking assertion library for tests/js (runs in weft and in Node).
// A test file calls these; the first failure throws, which makes the process exit non-zero.
var assert = (function () {
    function show(v) {
        if (typeof v === "string") return JSON.stringify(v);
        if (typeof v === "symbol") return v.toString();
        if (Object.is(v, -0)) return "-0";
        try { return JSON.stringify(v) ?? String(v); } catch (e) { return String(v); }
    }
    function fail(message) { throw new Error("Assertion failed: " + message); }
    function assert(condition, message) { if (!condition) fail(message || "expected truthy"); }
    assert.equal = function (actual, expected, message) {
        if (!Object.is(actual, expected))
            fail((message ? message + ": " : "") + "expected " + show(expected) + ", got " + show(actual));
    };
    assert.notEqual = function (actual, unexpected, message) {
        if (Object.is(actual, unexpected))
            fail((message ? message + ": " : "") + "did not expect " + show(actual));
    };
    function deepEqual(a, b) {
        if (Object.is(a, b)) return true;
        if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
        if (Array.isArray(a) !== Array.isArray(b)) return false;
        if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
        var ka = Object.keys(a), kb = Object.keys(b);
        if (ka.length !== kb.length) return false;
        for (var i = 0; i < ka.length; i++) {
            if (ka[i] !== kb[i] || !deepEqual(a[ka[i]], b[kb[i]])) return false;
        }
        return true;
    }
    assert.deepEqual = function (actual, expected, message) {
        if (!deepEqual(actual, expected))
            fail((message ? message + ": " : "") + "expected " + show(expected) + ", got " + show(actual));
    };
    assert.throws = function (ErrorType, fn, message) {
        try {
            fn();
        } catch (e) {
            if (!(e instanceof ErrorType))
                fail((message ? message + ": " : "") + "expected " + ErrorType.name + ", got " + e);
            return e;
        }
        fail((message ? message + ": " : "") + "expected " + ErrorType.name + " to be thrown");
    };
    // Runs an async test body and reports a rejection as a failure (exit status 1).
    assert.async = function (fn) {
        fn().then(undefined, function (e) {
            console.log("async test failed: " + e);
            throw e;
        });
    };
    return assert;
})();
