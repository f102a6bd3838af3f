/**
 * The subset of CloudWatch metric math an alarm datapoint needs, evaluated one period at a time: numbers, query
 * ids, `+ - * /`, comparisons (`> >= < <= ==`, giving 1 or 0), `FILL(x, value)` and `IF(condition, a, b)`.
 * Missing values follow CloudWatch: arithmetic with a missing operand is missing (the timestamp is absent from the
 * result), FILL replaces a missing value, IF with a missing condition is missing.
 * Source: "Using metric math", Amazon CloudWatch User Guide (docs/twin.md).
 */
export type MathValue = number | undefined;

type Node = (scope: Readonly<Record<string, MathValue>>) => MathValue;

/** Compiles an expression once; throws naming the position of a syntax error or an unsupported function. */
export function compileMathExpression(expression: string): Node {
    const tokens = expression.match(/\s*(\d+(?:\.\d+)?|[A-Za-z_][A-Za-z0-9_]*|>=|<=|==|[-+*/(),<>])/g)?.map((t) => t.trim()) ?? [];
    if (tokens.join("").length !== expression.replace(/\s+/g, "").length) {
        throw new Error(`twin: cannot read metric math ${JSON.stringify(expression)}`);
    }
    let pos = 0;
    const peek = () => tokens[pos];
    const expect = (t: string) => {
        if (tokens[pos] !== t) {
            throw new Error(`twin: metric math ${JSON.stringify(expression)}: expected "${t}" at token ${pos}`);
        }
        pos++;
    };
    const binary = (left: Node, op: string, right: Node): Node => (s) => {
        const a = left(s);
        const b = right(s);
        if (a === undefined || b === undefined) {
            return undefined;
        }
        switch (op) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": return b === 0 ? undefined : a / b;
            case ">": return a > b ? 1 : 0;
            case ">=": return a >= b ? 1 : 0;
            case "<": return a < b ? 1 : 0;
            case "<=": return a <= b ? 1 : 0;
            default: return a === b ? 1 : 0;
        }
    };
    /** One left-associative precedence level: operands from `next`, joined by any of `ops`. */
    const level =
        (ops: readonly string[], next: () => Node) =>
        (): Node => {
            let left = next();
            while (ops.includes(peek())) {
                const op = tokens[pos++];
                left = binary(left, op, next());
            }
            return left;
        };
    const product = level(["*", "/"], () => atom());
    const sum = level(["+", "-"], product);
    const comparison = level([">", ">=", "<", "<=", "=="], sum);
    const atom = (): Node => {
        const t = tokens[pos++];
        if (t === undefined) {
            throw new Error(`twin: metric math ${JSON.stringify(expression)} ends too early`);
        }
        if (t === "(") {
            const inner = comparison();
            expect(")");
            return inner;
        }
        if (/^\d/.test(t)) {
            const value = Number(t);
            return () => value;
        }
        if (peek() === "(") {
            pos++;
            const args = [comparison()];
            while (peek() === ",") {
                pos++;
                args.push(comparison());
            }
            expect(")");
            return call(t.toUpperCase(), args, expression);
        }
        return (s) => {
            if (!(t in s)) {
                throw new Error(`twin: metric math ${JSON.stringify(expression)} uses unknown id ${t}`);
            }
            return s[t];
        };
    };
    const root = comparison();
    if (pos !== tokens.length) {
        throw new Error(`twin: metric math ${JSON.stringify(expression)}: unexpected "${tokens[pos]}"`);
    }
    return root;
}

function call(name: string, args: Node[], expression: string): Node {
    if (name === "FILL" && args.length === 2) {
        const [x, fill] = args;
        return (s) => x(s) ?? fill(s);
    }
    if (name === "IF" && args.length === 3) {
        const [condition, then, otherwise] = args;
        return (s) => {
            const c = condition(s);
            return c === undefined ? undefined : c !== 0 ? then(s) : otherwise(s);
        };
    }
    throw new Error(`twin: metric math ${JSON.stringify(expression)}: ${name}/${args.length} is not supported (FILL/2, IF/3)`);
}
