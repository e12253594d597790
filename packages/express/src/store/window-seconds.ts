/** Whole seconds, at least one (stores count windows in seconds; 0 would mean forever). */
export function windowSeconds(windowMs: number): number {
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`A store window must be a positive number of milliseconds, got ${windowMs}`);
  }
  return Math.max(1, Math.ceil(windowMs / 1000));
}

/** Counters hold integers (requests, tokens, micro-dollars). */
export function assertInteger(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(
      `Store counters take integer amounts (requests, tokens, micro-dollars), got ${amount}`,
    );
  }
}

/** Checks the charges of a `consume` call (distinct keys, integer amounts >= 0, integer limits). */
export function assertCharges(
  charges: readonly { key: string; amount: number; limit: number; windowMs: number }[],
): void {
  if (new Set(charges.map((charge) => charge.key)).size !== charges.length) {
    throw new RangeError('consume takes each counter key at most once');
  }
  for (const charge of charges) {
    assertInteger(charge.amount);
    assertInteger(charge.limit);
    windowSeconds(charge.windowMs);
    if (charge.amount < 0) throw new RangeError(`consume takes amounts >= 0, got ${charge.amount}`);
  }
}
