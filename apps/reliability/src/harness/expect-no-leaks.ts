import { expect } from 'vitest';
import { type Capture, describeFindings } from './capture';

/** Fails with a readable account of every leak (where, which key, what preceded it). */
export function expectNoLeaks(capture: Capture, since = 0): void {
  const findings = capture.scan(since);
  expect(findings.length, describeFindings(findings)).toBe(0);
}
