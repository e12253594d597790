/** `GET /api/demo/config`: what the page needs to know about the server (never a key). */
export type DemoConfig = {
  mode: 'emulator' | 'openrouter';
  /** Models the middleware allows (exact ids and `author/*` patterns). */
  allowedModels: string[];
  /** Each visitor's budget in USD per day. */
  budgetUsdPerDay: number;
  /** Emulator fault scenarios can be chosen (emulator mode only). */
  faultInjection: boolean;
  /** The model the page selects first. */
  defaultModel: string;
};
