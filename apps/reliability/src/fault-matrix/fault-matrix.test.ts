import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCapture } from '../harness/capture';
import { createApiKey } from '../harness/create-api-key';
import { expectNoLeaks } from '../harness/expect-no-leaks';
import { recordResults } from '../harness/results';
import { type ChatPathName, chatPathNames } from '../paths/chat-path';
import { checkCell, describeOutcome } from './check-cell';
import { faultMatrix } from './fault-matrix-table';
import { attemptsFor, type PathUnderTest, startPathsUnderTest, stopPathsUnderTest } from './matrix-stack';

const capture = createCapture();
const serverKey = createApiKey();
const idleTimeoutMs = 500;
/** No cell may hang: each call is aborted after this, and each test fails after `cellTimeoutMs`. */
const callBoundMs = 12_000;
const cellTimeoutMs = 15_000;
let paths: Map<ChatPathName, PathUnderTest>;
const cellResults: Array<{
  row: string;
  path: ChatPathName;
  pass: boolean;
  attempts: number;
  elapsedMs: number;
  outcome: string;
  problems: string[];
}> = [];

beforeAll(async () => {
  paths = await startPathsUnderTest({ capture, serverKey, idleTimeoutMs });
});

afterAll(async () => {
  await stopPathsUnderTest(paths);
  const failed = cellResults.filter((cell) => !cell.pass);
  recordResults('fault-matrix', {
    rows: faultMatrix.length,
    paths: chatPathNames.length,
    cells: cellResults.length,
    cellsPassed: cellResults.length - failed.length,
    slowestCellMs: Math.max(0, ...cellResults.map((cell) => cell.elapsedMs)),
    failedCells: failed.map(({ row, path, problems }) => ({ row, path, problems })),
    capture: capture.summary(),
  });
});

describe.concurrent('fault matrix: every scenario × every path', () => {
  for (const row of faultMatrix) {
    for (const pathName of chatPathNames) {
      const expected = row.cells[pathName];
      it(`${row.id} × ${pathName} → ${expected.outcome}`, { timeout: cellTimeoutMs }, async () => {
        const target = paths.get(pathName);
        if (!target) throw new Error(`path ${pathName} was not started`);
        const marker = `fm-${row.id}-${pathName.replace(/[^a-z]/gi, '')}-${Math.random().toString(36).slice(2, 10)}`;
        const started = Date.now();
        const outcome = await target.path.run({
          marker,
          model: row.model,
          ...(row.models ? { models: row.models } : {}),
          ...(row.scenario ? { scenario: row.scenario } : {}),
          signal: AbortSignal.timeout(callBoundMs),
        });
        const elapsedMs = Date.now() - started;
        capture.add(`${row.id} × ${pathName} outcome`, outcome);
        if (outcome.error !== undefined) capture.add(`${row.id} × ${pathName} error`, outcome.error);
        // Let a late retry (a second retry layer) show up in the log before counting.
        await new Promise((resolve) => setTimeout(resolve, 30));
        const attempts = attemptsFor(target.emulator, marker);
        const problems = checkCell(pathName, expected, outcome, { attempts, elapsedMs });
        cellResults.push({
          row: row.id,
          path: pathName,
          pass: problems.length === 0,
          attempts,
          elapsedMs,
          outcome: describeOutcome(outcome),
          problems,
        });
        expect(problems, `${row.fault} on ${pathName}: ${describeOutcome(outcome)}`).toEqual([]);
      });
    }
  }
});

describe('fault matrix: secrets', () => {
  it('no API key appears in any outcome, error, cause chain, response or log line of the matrix', () => {
    expectNoLeaks(capture);
    expect(capture.summary().entries).toBeGreaterThan(faultMatrix.length * chatPathNames.length);
  });
});
