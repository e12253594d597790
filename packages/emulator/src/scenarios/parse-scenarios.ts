import { badRequest } from '../http/emulator-http-error';
import { isScenarioName, SCENARIO_NAMES, SCENARIOS, type ScenarioName } from './scenario-catalogue';

export type ScenarioParameters = Record<string, string>;

/** The scenarios that apply to one request, with their parameters. */
export class ActiveScenarios {
  private readonly entries = new Map<ScenarioName, ScenarioParameters>();

  get names(): ScenarioName[] {
    return [...this.entries.keys()];
  }

  get size(): number {
    return this.entries.size;
  }

  has(name: ScenarioName): boolean {
    return this.entries.has(name);
  }

  parameters(name: ScenarioName): ScenarioParameters | undefined {
    return this.entries.get(name);
  }

  set(name: ScenarioName, parameters: ScenarioParameters): void {
    this.entries.set(name, parameters);
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
  scenarios: Array<{ name: ScenarioName; parameters: ScenarioParameters; raw: string }>;
  /** Parameters given without a scenario name (they apply to an `emulator/<name>` model). */
  looseParameters: ScenarioParameters;
};

/**
 * Parses `X-Emulator-Scenario: <name>[; key=value]*[, <name>[; key=value]*]*`. Unknown names and
 * parameters are a 400 naming the problem (a typo must not silently disable a fault).
 */
export function parseScenarioHeader(value: string | undefined): ParsedScenarioHeader {
  const parsed: ParsedScenarioHeader = { scenarios: [], looseParameters: {} };
  if (!value || value.trim() === '') return parsed;
  for (const segment of value.split(',')) {
    const raw = segment.trim();
    if (raw === '') continue;
    const parts = raw.split(';').map((part) => part.trim());
    let name: ScenarioName | undefined;
    const parameters: ScenarioParameters = {};
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
      parameters[part.slice(0, equals).trim()] = part.slice(equals + 1).trim();
    });
    if (name === undefined) {
      Object.assign(parsed.looseParameters, parameters);
      continue;
    }
    checkParams(name, parameters);
    parsed.scenarios.push({ name, parameters, raw });
  }
  return parsed;
}

/** Checks parameter names against the scenario's list (`times` is accepted by every scenario). */
export function checkParams(name: ScenarioName, parameters: ScenarioParameters): void {
  const allowed: readonly string[] = SCENARIOS[name].parameters;
  for (const [key, value] of Object.entries(parameters)) {
    if (key !== 'times' && !allowed.includes(key)) {
      const list = allowed.length > 0 ? allowed.join(', ') : 'none';
      throw badRequest(
        `X-Emulator-Scenario: scenario \`${name}\` has no parameter \`${key}\` (parameters: ${list}, times)`,
      );
    }
    const allowedValues = ENUM_PARAMETERS[key];
    if (allowedValues && !allowedValues.includes(value)) {
      throw badRequest(
        `X-Emulator-Scenario: \`${key}\` of scenario \`${name}\` must be one of ${allowedValues.join(', ')}, got "${value}"`,
      );
    }
    if (
      NUMERIC_PARAMETERS.has(key) &&
      (value === '' || !Number.isFinite(Number(value)) || Number(value) < 0)
    ) {
      throw badRequest(
        `X-Emulator-Scenario: \`${key}\` of scenario \`${name}\` must be a non-negative number, got "${value}"`,
      );
    }
  }
}

/** Checked when the header is parsed, so a bad value never surfaces after a stream started. */
const NUMERIC_PARAMETERS = new Set([
  'after',
  'code',
  'retry_after',
  'delay_ms',
  'keepalive_ms',
  'interval_ms',
  'count',
  'every',
  'times',
]);
const ENUM_PARAMETERS: Record<string, readonly string[]> = {
  choices: ['null-finish', 'empty', 'repeat-stop'],
  done: ['true', 'false'],
};
