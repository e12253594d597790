import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';

/** The CPU layout of the server suites: client + upstream on one core, the proxy under test on another. */
export const cpuLayout: { client: number; upstream: number; proxy: number } = {
  client: 0,
  upstream: 0,
  proxy: 1,
};

/**
 * Pins every thread of process `pid` to one CPU (`taskset -a -p -c`), so the load generator, the
 * upstream and the proxy under test do not take turns on each other's core. Returns false (and
 * changes nothing) on machines with one core or without `taskset`.
 */
export function pinToCpu(pid: number, cpu: number): boolean {
  if (cpus().length < 2 || pid <= 0) return false;
  const result = spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
  return result.status === 0;
}
