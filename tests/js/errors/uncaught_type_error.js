// An uncaught TypeError: "Uncaught TypeError: <message>" and a stack with file:line:column.
function inner(o) {
    return o.missing.deeper;
}
function outer() {
    return inner({});
}
outer();
