import {
  InvalidArgumentError,
  type LanguageModelV4CallOptions,
  type SharedV4Warning,
} from '@ai-sdk/provider';
import {
  type OpenRouterOptions,
  type ReasoningOptions,
  toWireRequest,
  type WireRequestParts,
} from '@openrouter-adapters/core';
import { mergeSettingsLevels, readSettingsLevel, type SettingsLevel } from './resolve-openrouter-settings';

export type ResolvedCallOptions = {
  /** The merged, validated settings (OpenRouter options + adapter settings). */
  settings: SettingsLevel;
  /** Core's wire conversion of the OpenRouter options (snake_case body fields and headers). */
  wire: WireRequestParts;
};

/**
 * Merges the settings levels of a language-model call: provider and model settings < the AI
 * SDK's standard call settings (`maxOutputTokens`, `temperature`, ..., `reasoning`) <
 * `providerOptions.openrouter`. Core validates and converts them to wire form.
 */
export function resolveCallOptions(
  call: LanguageModelV4CallOptions,
  defaults: readonly SettingsLevel[],
  warnings: SharedV4Warning[],
): ResolvedCallOptions {
  const callLevel = readSettingsLevel(call.providerOptions?.openrouter, 'providerOptions.openrouter');
  const standard = standardOptions(call);
  let levels = defaults;
  if (call.reasoning !== undefined && call.reasoning !== 'provider-default') {
    const explicit = callLevel.options.reasoning;
    if (explicit?.effort !== undefined || explicit?.maxTokens !== undefined) {
      warnings.push({
        type: 'other',
        message: `The reasoning call option "${call.reasoning}" was not applied: providerOptions.openrouter.reasoning sets ${explicit.effort === undefined ? 'maxTokens' : 'effort'}, which takes precedence.`,
      });
    } else {
      standard.reasoning = { effort: call.reasoning };
      levels = defaults.map(withoutReasoningLevel);
    }
  }
  const settings = mergeSettingsLevels([...levels, { options: standard, adapter: {} }, callLevel]);
  return { settings, wire: toWireRequest(settings.options) };
}

function standardOptions(call: LanguageModelV4CallOptions): OpenRouterOptions {
  const options: OpenRouterOptions = {};
  if (call.maxOutputTokens !== undefined) options.maxTokens = call.maxOutputTokens;
  if (call.temperature !== undefined) options.temperature = call.temperature;
  if (call.topP !== undefined) options.topP = call.topP;
  if (call.topK !== undefined) options.topK = call.topK;
  if (call.frequencyPenalty !== undefined) options.frequencyPenalty = call.frequencyPenalty;
  if (call.presencePenalty !== undefined) options.presencePenalty = call.presencePenalty;
  if (call.seed !== undefined) options.seed = call.seed;
  if (call.stopSequences !== undefined && call.stopSequences.length > 0) options.stop = call.stopSequences;
  return options;
}

/** The V4 `reasoning` option replaces effort, budget and on/off set at provider or model level. */
function withoutReasoningLevel(level: SettingsLevel): SettingsLevel {
  const reasoning = level.options.reasoning;
  if (reasoning === undefined) return level;
  const { effort: _effort, maxTokens: _maxTokens, enabled: _enabled, ...rest } = reasoning;
  const options: OpenRouterOptions = { ...level.options };
  if (Object.keys(rest).length > 0) options.reasoning = rest as ReasoningOptions;
  else delete options.reasoning;
  return { options, adapter: level.adapter };
}

/** Adds `extraBody` fields, refusing any the provider already set. */
export function addExtraBody(
  body: Record<string, unknown>,
  extraBody: Record<string, unknown> | undefined,
  reserved: ReadonlySet<string>,
): void {
  if (extraBody === undefined) return;
  const collisions = Object.keys(extraBody).filter((key) => reserved.has(key) || key in body);
  if (collisions.length > 0) {
    throw new InvalidArgumentError({
      argument: 'extraBody',
      message: `extraBody may not override fields the provider sets: ${collisions.join(', ')}. Use the typed option instead.`,
    });
  }
  Object.assign(body, extraBody);
}
