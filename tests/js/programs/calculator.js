// A recursive-descent calculator: tokenizer, parser to an AST, evaluator with variables.
class Lexer {
    constructor(text) { this.text = text; this.pos = 0; }
    tokens() {
        const out = [];
        while (this.pos < this.text.length) {
            const c = this.text[this.pos];
            if (c === " ") { this.pos++; continue; }
            if ("0123456789.".includes(c)) {
                let start = this.pos;
                while (this.pos < this.text.length && "0123456789.".includes(this.text[this.pos])) this.pos++;
                out.push({ type: "num", value: parseFloat(this.text.slice(start, this.pos)) });
            } else if (/* identifier */ (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")) {
                let start = this.pos;
                while (this.pos < this.text.length && /[a-zA-Z0-9]/.source && ((this.text[this.pos] >= "a" && this.text[this.pos] <= "z") || (this.text[this.pos] >= "0" && this.text[this.pos] <= "9"))) this.pos++;
                out.push({ type: "id", value: this.text.slice(start, this.pos) });
            } else if ("+-*/^()=,".includes(c)) {
                out.push({ type: "op", value: c });
                this.pos++;
            } else {
                throw new SyntaxError(`Unexpected character '${c}' at ${this.pos}`);
            }
        }
        out.push({ type: "eof" });
        return out;
    }
}
class Parser {
    constructor(tokens) { this.tokens = tokens; this.i = 0; }
    peek() { return this.tokens[this.i]; }
    next() { return this.tokens[this.i++]; }
    expect(value) { const t = this.next(); if (t.value !== value) throw new SyntaxError(`Expected ${value}`); }
    statement() {
        const t = this.peek();
        if (t.type === "id" && this.tokens[this.i + 1].value === "=") {
            this.i += 2;
            return { kind: "assign", name: t.value, value: this.expression() };
        }
        return this.expression();
    }
    expression() {
        let left = this.term();
        while (this.peek().value === "+" || this.peek().value === "-") {
            const op = this.next().value;
            left = { kind: "binary", op, left, right: this.term() };
        }
        return left;
    }
    term() {
        let left = this.factor();
        while (this.peek().value === "*" || this.peek().value === "/") {
            const op = this.next().value;
            left = { kind: "binary", op, left, right: this.factor() };
        }
        return left;
    }
    factor() {
        const base = this.unary();
        if (this.peek().value === "^") { this.next(); return { kind: "binary", op: "^", left: base, right: this.factor() }; }
        return base;
    }
    unary() {
        if (this.peek().value === "-") { this.next(); return { kind: "neg", value: this.unary() }; }
        return this.primary();
    }
    primary() {
        const t = this.next();
        if (t.type === "num") return { kind: "num", value: t.value };
        if (t.type === "id") {
            if (this.peek().value === "(") {
                this.next();
                const args = [this.expression()];
                while (this.peek().value === ",") { this.next(); args.push(this.expression()); }
                this.expect(")");
                return { kind: "call", name: t.value, args };
            }
            return { kind: "var", name: t.value };
        }
        if (t.value === "(") { const e = this.expression(); this.expect(")"); return e; }
        throw new SyntaxError(`Unexpected token ${t.value ?? t.type}`);
    }
}
const functions = { max: Math.max, min: Math.min, sqrt: Math.sqrt, abs: Math.abs };
function evaluate(node, env) {
    switch (node.kind) {
    case "num": return node.value;
    case "var":
        if (!(node.name in env)) throw new ReferenceError(`Unknown variable ${node.name}`);
        return env[node.name];
    case "neg": return -evaluate(node.value, env);
    case "assign": return (env[node.name] = evaluate(node.value, env));
    case "call": return functions[node.name](...node.args.map(a => evaluate(a, env)));
    case "binary": {
        const l = evaluate(node.left, env), r = evaluate(node.right, env);
        switch (node.op) {
        case "+": return l + r;
        case "-": return l - r;
        case "*": return l * r;
        case "/": if (r === 0) throw new RangeError("Division by zero"); return l / r;
        case "^": return l ** r;
        }
    }
    }
}
const env = {};
const lines = ["1 + 2 * 3", "(1 + 2) * 3", "2 ^ 3 ^ 2", "x = 10", "y = x / 4", "x * y - -3", "max(1, x, y * 10) + sqrt(16)", "1 / 0", "z + 1", "3 $ 4", "0.1 + 0.2"];
for (const line of lines) {
    try {
        const ast = new Parser(new Lexer(line).tokens()).statement();
        console.log(`${line.padEnd(30)} => ${evaluate(ast, env)}`);
    } catch (e) {
        console.log(`${line.padEnd(30)} !! ${e.name}: ${e.message}`);
    }
}
console.log(env);
console.log(JSON.stringify(new Parser(new Lexer("-(a + 2) * b").tokens()).statement()));
