import { describe, expect, it } from 'vitest';
import { CalculatorError, evaluateExpression, runCalculator } from './calculator';

describe('calculator', () => {
  it('evaluates arithmetic with precedence, parentheses, powers and unary minus', () => {
    expect(evaluateExpression('1234 * 5678')).toBe(7006652);
    expect(evaluateExpression('2 + 3 * 4')).toBe(14);
    expect(evaluateExpression('(2 + 3) * 4')).toBe(20);
    expect(evaluateExpression('2 ^ 3 ^ 2')).toBe(512);
    expect(evaluateExpression('-(4 - 10) / 3')).toBe(2);
    expect(evaluateExpression('10 % 4')).toBe(2);
    expect(evaluateExpression('sqrt(144) + .5')).toBe(12.5);
    expect(evaluateExpression('0.1 + 0.2')).toBe(0.3);
    expect(evaluateExpression('2 × 3 ÷ 4 − 1')).toBe(0.5);
    expect(evaluateExpression('1e3 + 1')).toBe(1001);
  });

  it('rejects what it cannot evaluate with a message that says why', () => {
    expect(() => evaluateExpression('2 +')).toThrow(/ends too early/);
    expect(() => evaluateExpression('1 / 0')).toThrow(/Division by zero/);
    expect(() => evaluateExpression('process.exit()')).toThrow(CalculatorError);
    expect(() => evaluateExpression('(1 + 2')).toThrow(/Expected "\)"/);
    expect(() => evaluateExpression('1 + 2)')).toThrow(/Unexpected "\)"/);
    expect(() => evaluateExpression(`${'('.repeat(60)}1${')'.repeat(60)}`)).toThrow(/nested too deeply/);
    expect(() => evaluateExpression('1+'.repeat(150))).toThrow(/longer than 200/);
    expect(() => evaluateExpression('10 ^ 400')).toThrow(/no finite result/);
  });

  it('validates the model-supplied input', () => {
    expect(runCalculator({ expression: '6 * 7' })).toEqual({ expression: '6 * 7', result: 42 });
    expect(() => runCalculator({})).toThrow(/needs an `expression` string/);
    expect(() => runCalculator('6 * 7')).toThrow(CalculatorError);
  });
});
