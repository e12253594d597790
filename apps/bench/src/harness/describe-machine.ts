import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';

export type MachineDescription = {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
  loadAverage: number[];
};

const osName = (): string => {
  try {
    const text = readFileSync('/etc/os-release', 'utf8');
    const match = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text);
    if (match?.[1] !== undefined) return `${match[1]} (${type()} ${release()})`;
  } catch {
    // Not Linux, or no os-release: fall back to the kernel name.
  }
  return `${type()} ${release()}`;
};

export function describeMachine(): MachineDescription {
  const processors = cpus();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryBytes: totalmem(),
    node: process.version,
    os: osName(),
    loadAverage: loadavg(),
  };
}
