// A JSON pretty-printer with sorted keys and a custom indent, plus a compact one-line form.
function pretty(value, indent = "  ", depth = 0) {
    const pad = indent.repeat(depth);
    const inner = indent.repeat(depth + 1);
    if (Array.isArray(value)) {
        if (value.length === 0) return "[]";
        return "[\n" + value.map(v => inner + pretty(v, indent, depth + 1)).join(",\n") + "\n" + pad + "]";
    }
    if (value && typeof value === "object") {
        const keys = Object.keys(value).sort();
        if (keys.length === 0) return "{}";
        return "{\n" + keys.map(k => `${inner}${JSON.stringify(k)}: ${pretty(value[k], indent, depth + 1)}`).join(",\n") + "\n" + pad + "}";
    }
    return JSON.stringify(value);
}
const text = '{"name":"weft","version":1.5,"tags":["js","threads"],"nested":{"z":null,"a":[1,2,{"deep":true}],"m":{}},"empty":[],"unicode":"caf\\u00e9 \\u2603","escaped":"line\\nbreak \\"quoted\\""}';
const data = JSON.parse(text);
console.log(pretty(data));
console.log(pretty(data, "\t").split("\n").length);
console.log(JSON.stringify(data, null, 4));
console.log(JSON.stringify(data, ["name", "tags"]));
console.log(JSON.stringify(JSON.parse(JSON.stringify(data))) === JSON.stringify(data));
const stats = {};
(function walk(v, path) {
    const type = Array.isArray(v) ? "array" : v === null ? "null" : typeof v;
    stats[type] = (stats[type] || 0) + 1;
    if (v && typeof v === "object") for (const [k, child] of Object.entries(v)) walk(child, path + "." + k);
})(data, "$");
console.log(stats);
