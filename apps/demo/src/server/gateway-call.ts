import type { Request } from 'express';
import type { ChatSettings } from '../shared/chat-settings';
import { findFaultScenario } from '../shared/fault-scenarios';
import { visitorCookieHeader, visitorIdOf } from './visitor';

/**
 * How the server paths reach OpenRouter: through this server's own middleware at
 * `/api/openrouter`, over loopback HTTP, as the visitor. So the AI SDK and LangChain paths obey
 * the same allowlist, data policy and per-visitor budget as the browser path, and use the
 * visitor's own key once they signed in with OpenRouter. The server's OpenRouter key is added by
 * the middleware alone: the adapters never hold it.
 */
export type GatewayCall = {
  /** `http://127.0.0.1:PORT/api/openrouter` */
  baseURL: string;
  /** Fault scenarios are forwarded to the emulator in emulator mode only. */
  emulatorMode: boolean;
};

/** Headers for one call made on behalf of the visitor of `request`. */
export function gatewayHeaders(
  call: GatewayCall,
  request: Request,
  settings: ChatSettings,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const visitorId = visitorIdOf(request);
  if (visitorId !== undefined) headers.cookie = visitorCookieHeader(visitorId);
  const scenario = call.emulatorMode ? findFaultScenario(settings.scenario) : undefined;
  if (scenario !== undefined) headers['x-emulator-scenario'] = scenario.header;
  return headers;
}
