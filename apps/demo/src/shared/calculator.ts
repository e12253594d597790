/**
 * The demo tool: a calculator both server paths (AI SDK, LangChain) and the browser path offer to
 * the model. It evaluates arithmetic with a small recursive-descent parser (never `eval`).
 */

export const CALCULATOR_TOOL_NAME = 'calculator';

export const CALCULATOR_DESCRIPTION =
  'Evaluates an arithmetic expression exactly. Supports + - * / % ^ (power), parentheses, decimals and sqrt(x). Use it for any arithmetic.';

/** The tool's input, as JSON Schema (shared by the three paths; each framework wraps it). */
export const CALCULATOR_PARAMETERS: {
  type: 'object';
  properties: { expression: { type: 'string'; description: string; minLength: number; maxLength: number } };
  required: ['expression'];
  additionalProperties: false;
} = {
  type: 'object',
  properties: {
    expression: {
      type: 'string',
      description: 'The arithmetic expression to evaluate, e.g. "1234 * 5678" or "(2 + 3) ^ 2".',
      minLength: 1,
      maxLength: 200,
    },
  },
  required: ['expression'],
  additionalProperties: false,
};

export type CalculatorInput = { expression: string };
export type CalculatorOutput = { expression: string; result: number };

const maxExpressionLength = 200;

/** Thrown for input the calculator cannot evaluate; the message says what is wrong. */
export class CalculatorError extends Error {
  override readonly name: string = 'CalculatorError';
}

/** Runs the tool on untrusted input (the model's arguments). */
export function runCalculator(input: unknown): CalculatorOutput {
  const expression =
    typeof input === 'object' && input !== null ? (input as { expression?: unknown }).expression : undefined;
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw new CalculatorError('The calculator needs an `expression` string, e.g. {"expression": "2 + 2"}');
  }
  return { expression, result: evaluateExpression(expression) };
}

/** Evaluates `+ - * / % ^`, parentheses, unary minus, decimals, `sqrt()`, `pi` and `e`. */
export function evaluateExpression(expression: string): number {
  if (expression.length > maxExpressionLength) {
    throw new CalculatorError(`The expression is longer than ${maxExpressionLength} characters`);
  }
  const parser = new Parser(expression.replaceAll('×', '*').replaceAll('÷', '/').replaceAll('−', '-'));
  const value = parser.parseExpression();
  parser.expectEnd();
  if (!Number.isFinite(value)) throw new CalculatorError(`"${expression}" has no finite result`);
  // Drop binary floating-point noise (0.1 + 0.2 → 0.3) without hiding real precision.
  return Number.parseFloat(value.toPrecision(15));
}

class Parser {
  private position = 0;
  private depth = 0;

  constructor(private readonly source: string) {}

  parseExpression(): number {
    let value = this.parseTerm();
    for (;;) {
      const operator = this.peekOperator('+-');
      if (operator === undefined) return value;
      this.position++;
      const right = this.parseTerm();
      value = operator === '+' ? value + right : value - right;
    }
  }

  expectEnd(): void {
    this.skipSpace();
    if (this.position < this.source.length) {
      throw new CalculatorError(
        `Unexpected "${this.source[this.position]}" at position ${this.position + 1} of "${this.source}"`,
      );
    }
  }

  private parseTerm(): number {
    let value = this.parsePower();
    for (;;) {
      const operator = this.peekOperator('*/%');
      if (operator === undefined) return value;
      this.position++;
      const right = this.parsePower();
      if ((operator === '/' || operator === '%') && right === 0) {
        throw new CalculatorError('Division by zero');
      }
      value = operator === '*' ? value * right : operator === '/' ? value / right : value % right;
    }
  }

  private parsePower(): number {
    const base = this.parseUnary();
    if (this.peekOperator('^') === undefined) return base;
    this.position++;
    // Right-associative: 2 ^ 3 ^ 2 = 2 ^ 9.
    return base ** this.parsePower();
  }

  private parseUnary(): number {
    const operator = this.peekOperator('+-');
    if (operator === undefined) return this.parsePrimary();
    this.position++;
    const value = this.nested(() => this.parseUnary());
    return operator === '-' ? -value : value;
  }

  private parsePrimary(): number {
    this.skipSpace();
    const character = this.source[this.position];
    if (character === '(') {
      this.position++;
      const value = this.nested(() => this.parseExpression());
      this.expect(')');
      return value;
    }
    const number = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(this.source.slice(this.position));
    if (number) {
      this.position += number[0].length;
      return Number(number[0]);
    }
    const name = /^[a-zA-Z]+/.exec(this.source.slice(this.position))?.[0].toLowerCase();
    if (name === 'pi') {
      this.position += 2;
      return Math.PI;
    }
    if (name === 'e') {
      this.position += 1;
      return Math.E;
    }
    if (name === 'sqrt') {
      this.position += 4;
      this.expect('(');
      const value = this.nested(() => this.parseExpression());
      this.expect(')');
      if (value < 0) throw new CalculatorError('sqrt() of a negative number');
      return Math.sqrt(value);
    }
    if (character === undefined) throw new CalculatorError(`"${this.source}" ends too early`);
    throw new CalculatorError(
      `Unexpected "${character}" at position ${this.position + 1} of "${this.source}" (only numbers, + - * / % ^, parentheses and sqrt are supported)`,
    );
  }

  private nested(parse: () => number): number {
    if (++this.depth > 50) throw new CalculatorError('The expression is nested too deeply');
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private expect(character: string): void {
    this.skipSpace();
    if (this.source[this.position] !== character) {
      throw new CalculatorError(
        `Expected "${character}" at position ${this.position + 1} of "${this.source}"`,
      );
    }
    this.position++;
  }

  private peekOperator(operators: string): string | undefined {
    this.skipSpace();
    const character = this.source[this.position];
    return character !== undefined && operators.includes(character) ? character : undefined;
  }

  private skipSpace(): void {
    while (this.position < this.source.length && /\s/.test(this.source[this.position] ?? '')) this.position++;
  }
}
