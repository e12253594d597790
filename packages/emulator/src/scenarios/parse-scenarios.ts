import { badRequest } from '../http/emulator-http-error';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenario-catalogue';

export type ScenarioParams = Record<string, string>;

/** The scenarios that apply to one request, with their parameters. */
export class ActiveScenarios {
  private readonly entries = new Map<ScenarioName, ScenarioParams>();

  get names(): ScenarioName[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  has(name: ScenarioName): boolean {
    return this.entries.has(name);
  }

  params(name: ScenarioName): ScenarioParams | undefined {
    return this.entries.get(name);
  }

  set(name: ScenarioName, params: ScenarioParams): void {
    this.entries.set(name, params);
  }

  delete(name: ScenarioName): void {
    this.entries.delete(name);
  }

  /** A numeric parameter, or `fallback` when absent; a malformed value is a 400. */
  number(name: ScenarioName, key: string, fallback: number): number;
  number(name: ScenarioName, key: string, fallback: undefined): number | undefined;
  number(name: ScenarioName, key: string, fallback: number | undefined): number | undefined {
    const raw = this.entries.get(name)?.[key];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
      throw badRequest(
        `X-Emulator-Scenario: \`${key}\` of scenario \`${name}\` must be a non-negative number, got "${raw}"`,
      );
    }
    return value;
  }

  string(name: ScenarioName, key: string): string | undefined {
    return this.entries.get(name)?.[key];
  }
}

export type ParsedScenarioHeader = {
  scenarios: Array<{ name: ScenarioName; params: ScenarioParams; raw: string }>;
  /** Parameters given without a scenario name (they apply to an `emulator/<name>` model). */
  looseParams: ScenarioParams;
};

/**
 * Parses `X-Emulator-Scenario: <name>[; key=value]*[, <name>[; key=value]*]*`. Unknown names and
 * parameters are a 400 naming the problem (a typo must not silently disable a fault).
 */
export function parseScenarioHeader(value: string | undefined): ParsedScenarioHeader {
  const parsed: ParsedScenarioHeader = { scenarios: [], looseParams: {} };
  if (!value || value.trim() === '') return parsed;
  for (const segment of value.split(',')) {
    const raw = segment.trim();
    if (raw === '') continue;
    const parts = raw.split(';').map((part) => part.trim());
    let name: ScenarioName | undefined;
    const params: ScenarioParams = {};
    parts.forEach((part, index) => {
      if (part === '') return;
      const equals = part.indexOf('=');
      if (equals === -1) {
        if (index !== 0)
          throw badRequest(`X-Emulator-Scenario: expected key=value, got "${part}" in "${raw}"`);
        if (!isScenarioName(part)) {
          throw badRequest(
            `X-Emulator-Scenario: unknown scenario \`${part}\`. Known: ${SCENARIO_NAMES.join(', ')}`,
          );
        }
        name = part;
        return;
      }
      params[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
    });
    if (name === undefined) {
      Object.assign(parsed.looseParams, params);
      continue;
    }
    checkParams(name, params);
    parsed.scenarios.push({ name, params, raw });
  }
  return parsed;
}

/** Checks parameter names against the scenario's list (`times` is accepted by every scenario). */
export function checkParams(name: ScenarioName, params: ScenarioParams): void {
  const allowed: readonly string[] = SCENARIOS[name].params;
  for (const key of Object.keys(params)) {
    if (key !== 'times' && !allowed.includes(key)) {
      const list = allowed.length > 0 ? allowed.join(', ') : 'none';
      throw badRequest(
        `X-Emulator-Scenario: scenario \`${name}\` has no parameter \`${key}\` (parameters: ${list}, times)`,
      );
    }
  }
}
