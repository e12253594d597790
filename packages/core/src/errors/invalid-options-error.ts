import { OpenRouterError, type OpenRouterErrorOptions } from './openrouter-error';

export type OptionIssue = {
  /** Dotted path of the offending option in camelCase, e.g. `provider.maxPrice.prompt`. */
  path: string;
  message: string;
};

/** Options failed validation. `issues` lists every problem found, not just the first. */
export class InvalidOptionsError extends OpenRouterError {
  static override readonly brand: string = 'InvalidOptionsError';
  declare static readonly isInstance: (value: unknown) => value is InvalidOptionsError;
  declare readonly issues: readonly OptionIssue[];

  constructor({ issues, message }: { issues: readonly OptionIssue[]; message?: string }) {
    const list = issues.map((issue) => `\n- ${issue.path || '(root)'}: ${issue.message}`).join('');
    super({ message: message ?? `Invalid OpenRouter options:${list}`, issues } as OpenRouterErrorOptions);
  }
}
