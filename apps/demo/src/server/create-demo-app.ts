import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  type KeyStore,
  type Limits,
  type OpenRouterMiddleware,
  openRouter,
} from '@openrouter-adapters/express';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { DemoConfig } from '../shared/demo-config';
import { createAiSdkChatRoute } from './ai-sdk-chat-route';
import type { GatewayCall } from './gateway-call';
import { createLangChainChatRoute } from './langchain-chat-route';
import { visitorCookie, visitorIdOf } from './visitor';

export type DemoAppOptions = {
  mode: 'emulator' | 'openrouter';
  /** OpenRouter's API (or the emulator's) and the server's key for it: only the middleware sees them. */
  upstreamBaseURL: string;
  upstreamApiKey: string;
  /** This server's own middleware, as the server paths call it (`http://127.0.0.1:PORT/api/openrouter`). */
  gatewayURL: string;
  allowedModels: readonly string[];
  defaultModel: string;
  budgetUsdPerDay: number;
  limits: Limits | undefined;
  keyStore: KeyStore;
  pageDirectory: string;
  log: (line: string) => void;
};

export type DemoApp = { app: Express; close(): Promise<void> };

const appName = 'openrouter-adapters demo';
const appUrl = 'https://github.com/openrouter-adapters/openrouter-adapters';

/**
 * The demo's Express app: the OpenRouter middleware at `/api/openrouter` (allowlist, per-visitor
 * budget, `dataCollection: 'deny'`, PKCE sign-in), the two server-side chat routes, the page's
 * config and the built page.
 */
export function createDemoApp(options: DemoAppOptions): DemoApp {
  if (!existsSync(join(options.pageDirectory, 'index.html'))) {
    throw new Error(
      `The demo page is not built (no ${join(options.pageDirectory, 'index.html')}). Run \`npm start\` from the repository root, or \`pnpm --filter @openrouter-adapters/demo build\`.`,
    );
  }
  const emulatorMode = options.mode === 'emulator';
  const middleware: OpenRouterMiddleware = openRouter({
    baseURL: options.upstreamBaseURL,
    apiKey: options.upstreamApiKey,
    authorize: (request) => visitorIdOf(request) ?? false,
    models: options.allowedModels,
    defaults: { provider: { dataCollection: 'deny' }, appName, appUrl },
    maxTokens: 4096,
    limits: {
      usdPerDay: options.budgetUsdPerDay,
      requestsPerMinute: 60,
      concurrentStreams: 4,
      ...options.limits,
    },
    // The page's fault-injection menu reaches the local emulator; never forwarded to OpenRouter.
    forwardHeaders: emulatorMode ? ['x-emulator-scenario'] : [],
    signIn: { keyStore: options.keyStore, successRedirect: '/' },
    onError: (error, context) => {
      if (context.phase !== 'upstream' && context.phase !== 'stream') {
        options.log(`openrouter middleware ${context.phase} error on ${context.path}: ${String(error)}`);
      }
    },
  });
  const gateway: GatewayCall = { baseURL: options.gatewayURL, emulatorMode };
  const config: DemoConfig = {
    mode: options.mode,
    allowedModels: [...options.allowedModels],
    budgetUsdPerDay: options.budgetUsdPerDay,
    faultInjection: emulatorMode,
    defaultModel: options.defaultModel,
  };

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders);
  app.use(visitorCookie);
  app.use('/api/openrouter', middleware);
  app.get('/api/demo/config', (_request, response) => {
    response.setHeader('cache-control', 'no-store');
    response.json(config);
  });
  const json = express.json({ limit: '2mb' });
  app.post('/api/chat/ai-sdk', json, createAiSdkChatRoute(gateway));
  app.post('/api/chat/langchain', json, createLangChainChatRoute(gateway));
  app.use(express.static(options.pageDirectory, { index: 'index.html', maxAge: 0 }));
  app.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      response
        .status(status)
        .type('text/plain')
        .send(`Bad request: ${(error as Error).message}`);
      return;
    }
    options.log(
      `error on ${request.method} ${request.path}: ${error instanceof Error ? error.stack : String(error)}`,
    );
    response.status(500).type('text/plain').send('The demo server failed on this request; see its terminal.');
  });

  return { app, close: () => middleware.close() };
}

function securityHeaders(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'content-security-policy',
    "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
  );
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  next();
}
