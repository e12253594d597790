import type { SuiteResults } from '../report/render-results-markdown';

/** Peers whose failure is reported, not fatal: a broken peer must not break our CI. */
const optionalGatewayPeers: readonly string[] = ['portkey'];

/**
 * The smoke assertions: every suite produced a result, every contender ran (measured, finite
 * numbers, no failed requests) and produced sane output (checked decode outcomes, byte-identical
 * streams, sizes and import times). Returns problems; lines starting with `note:` are informative.
 */
export function checkSmokeResults(results: SuiteResults): string[] {
  const problems: string[] = [];
  const { decode, gateway, streams, size } = results;

  if (decode === undefined) problems.push('decode: no result');
  for (const block of decode?.sizes ?? []) {
    for (const contender of block.contenders) {
      if (contender.status !== 'measured') {
        problems.push(
          `decode ${contender.id}: ${contender.status} (${contender.reason ?? contender.problems.join('; ')})`,
        );
      } else if (!Number.isFinite(contender.summary?.median)) {
        problems.push(`decode ${contender.id}: no timing`);
      }
    }
  }

  if (gateway === undefined) problems.push('gateway: no result');
  for (const status of gateway?.contenders ?? []) {
    const optional = optionalGatewayPeers.includes(status.kind);
    const report = (problem: string): void => {
      problems.push(
        optional ? `note: gateway ${status.kind}: ${problem}` : `gateway ${status.kind}: ${problem}`,
      );
    };
    if (status.status !== 'measured') {
      report(status.reason ?? 'unavailable');
      continue;
    }
    if (status.jsonFailure !== undefined) report(status.jsonFailure);
    if (status.streamFailure !== undefined) report(status.streamFailure);
    if (status.streamFailure === undefined && status.sanity?.streamIdenticalToDirect !== true) {
      report('its stream differs from the direct stream');
    }
    for (const block of gateway?.nonStreamed ?? []) {
      const rounds = block.rounds[status.kind] ?? [];
      if (status.jsonFailure === undefined && rounds.length === 0)
        report(`no rounds at concurrency ${block.concurrency}`);
      for (const round of rounds) {
        if (round.failed > 0) report(`${round.failed} failed requests at concurrency ${block.concurrency}`);
        if (!(round.completed > 0) || !Number.isFinite(round.p50Ms))
          report(`no completed requests at concurrency ${block.concurrency}`);
      }
    }
    if (status.streamFailure === undefined && (gateway?.pacedStream[status.kind]?.length ?? 0) === 0)
      report('no streamed rounds');
  }
  const profiled = Object.keys(gateway?.profiles ?? {});
  if (gateway !== undefined && !profiled.includes('ours-defaults'))
    problems.push('gateway: our middleware was not profiled');

  if (streams === undefined) problems.push('streams: no result');
  for (const run of streams?.runs ?? []) {
    const total = streams?.settings.streams ?? 0;
    if (run.completed !== total)
      problems.push(`streams ${run.kind}: ${run.completed}/${total} complete (${run.errors.join('; ')})`);
    if (run.identicalToDirect !== run.completed)
      problems.push(
        `streams ${run.kind}: ${run.identicalToDirect}/${run.completed} byte-identical to direct`,
      );
    if (run.kind !== 'emulator' && run.proxy === undefined)
      problems.push(`streams ${run.kind}: no RSS / event-loop samples`);
  }

  if (size === undefined) problems.push('size: no result');
  for (const row of size?.rows ?? []) {
    if (row.group !== 'framework' && row.whole === undefined)
      problems.push(`size ${row.name}: no bundle size (${row.error ?? 'unknown'})`);
    if (row.importMs === undefined)
      problems.push(`size ${row.name}: no import time (${row.error ?? 'unknown'})`);
  }
  if (size !== undefined && 'error' in size.coreBreakdown)
    problems.push(`size: core breakdown failed (${size.coreBreakdown.error})`);
  return problems;
}
