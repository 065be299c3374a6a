// Runs a tests/js test under Node (to check the tests themselves): node node-run.js FILE
const fs = require("fs");
const path = require("path");
globalThis.print = (...args) => console.log(...args);
globalThis.load = (p) => (0, eval)(fs.readFileSync(p, "utf8"));
globalThis.readFile = (p) => fs.readFileSync(p, "utf8");
(0, eval)(fs.readFileSync(path.join(__dirname, "assert.js"), "utf8"));
(0, eval)(fs.readFileSync(process.argv[2], "utf8"));
