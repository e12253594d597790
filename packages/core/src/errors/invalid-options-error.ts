import { hasBrand, OpenRouterError } from './openrouter-error';

export type OptionIssue = {
  /** Dotted path of the offending option in camelCase, e.g. `provider.maxPrice.prompt`. */
  path: string;
  message: string;
};

/** Options failed validation. `issues` lists every problem found, not just the first. */
export class InvalidOptionsError extends OpenRouterError {
  static override readonly brand: string = 'InvalidOptionsError';
  readonly issues: readonly OptionIssue[];

  constructor(options: { issues: readonly OptionIssue[]; message?: string }) {
    super({
      message:
        options.message ??
        `Invalid OpenRouter options:\n${options.issues.map((issue) => `- ${issue.path || '(root)'}: ${issue.message}`).join('\n')}`,
    });
    this.issues = options.issues;
  }

  static override isInstance(value: unknown): value is InvalidOptionsError {
    return hasBrand(value, 'InvalidOptionsError');
  }
}
