// Unbounded recursion is a RangeError, never a crash; uncaught, it ends the script with status 1.
function down(n) { return down(n + 1) + 1; }
try {
    down(0);
} catch (e) {
    print("caught " + e.constructor.name + ": " + e.message);
}
// Recursion through a built-in (native re-entry) is caught too.
function viaMap(n) { return [n].map(viaMap); }
try { viaMap(0); } catch (e) { print("caught " + e.message); }
const o = {};
Object.defineProperty(o, "g", { get() { return o.g; } });
try { o.g; } catch (e) { print("caught getter " + e.message); }
down(0);
