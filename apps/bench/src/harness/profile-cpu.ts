import { Session } from 'node:inspector/promises';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};

export type ProfileEntry = { name: string; selfMs: number; share: number };

export type CpuProfileSummary = {
  /** Wall time the profiler ran. */
  sampledMs: number;
  /** Of which the thread was idle (waiting for I/O or timers): not part of the shares below. */
  idleMs: number;
  /** Self time by function (name and location), largest first. */
  functions: ProfileEntry[];
  /** Self time by package (node_modules package, workspace package, `node:` internals, ...). */
  packages: ProfileEntry[];
};

/** Which package a script URL belongs to: `ai`, `@langchain/core`, `@openrouter-adapters/core`, `node:internal`, ... */
export function packageOfUrl(url: string, functionName = ''): string {
  if (url === '') return functionName === '(garbage collector)' ? 'GC' : 'V8 / native';
  if (url.startsWith('node:')) return 'node: internals';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const workspace = /\/packages\/([^/]+)\//.exec(url);
  if (workspace?.[1] !== undefined) return `@openrouter-adapters/${workspace[1]}`;
  if (url.includes('/apps/bench/')) return 'bench harness';
  return url;
}

const shortLocation = (url: string, line: number): string => {
  const modules = url.lastIndexOf('/node_modules/');
  const trimmed =
    modules >= 0
      ? url.slice(modules + '/node_modules/'.length)
      : url.replace(/^.*\/(packages|apps)\//, '$1/');
  return `${trimmed.replace(/^file:\/\//, '')}:${line + 1}`;
};

/**
 * Runs `work` under V8's sampling CPU profiler (in this process) and summarises self time by
 * function and by package: where the time of a contender actually goes.
 */
export async function profileCpu(
  work: () => Promise<void>,
  samplingIntervalUs = 100,
): Promise<CpuProfileSummary> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: samplingIntervalUs });
    await session.post('Profiler.start');
    await work();
    const { profile } = (await session.post('Profiler.stop')) as unknown as {
      profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] };
    };
    return summarizeProfile(profile);
  } finally {
    session.disconnect();
  }
}

/** Self time per function and per package from a V8 CPU profile. */
export function summarizeProfile(profile: {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}): CpuProfileSummary {
  const isIdle = (node: ProfileNode): boolean =>
    node.callFrame.url === '' && node.callFrame.functionName === '(idle)';
  const allHits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const idleHits = profile.nodes.reduce((sum, node) => sum + (isIdle(node) ? (node.hitCount ?? 0) : 0), 0);
  const totalHits = allHits - idleHits;
  const sampledMs = (profile.endTime - profile.startTime) / 1_000;
  const perHit = allHits === 0 ? 0 : sampledMs / allHits;
  const functions = new Map<string, number>();
  const packages = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0 || isIdle(node)) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const name =
      url === ''
        ? functionName || '(program)'
        : `${functionName || '(anonymous)'} ${shortLocation(url, lineNumber)}`;
    functions.set(name, (functions.get(name) ?? 0) + hits);
    const owner = packageOfUrl(url, functionName);
    packages.set(owner, (packages.get(owner) ?? 0) + hits);
  }
  const entries = (map: Map<string, number>): ProfileEntry[] =>
    [...map]
      .map(([name, hits]) => ({ name, selfMs: hits * perHit, share: totalHits === 0 ? 0 : hits / totalHits }))
      .sort((left, right) => right.selfMs - left.selfMs);
  return {
    sampledMs,
    idleMs: idleHits * perHit,
    functions: entries(functions).slice(0, 15),
    packages: entries(packages).slice(0, 12),
  };
}
