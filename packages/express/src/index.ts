// @openrouter-adapters/express: an OpenRouter gateway as Express 5 middleware. Named exports only.

export { type KeyStore, memoryKeyStore } from './auth/key-store';
export type { GatewayLogger, LogFields } from './logging/gateway-logger';
export { type OpenRouterMiddleware, openRouter } from './open-router';
export type {
  ErrorContext,
  Limits,
  LimitWindow,
  OpenRouterMiddlewareOptions,
  PerRequest,
  RequestContext,
  RetryOptions,
  SignInOptions,
  UsageEvent,
} from './options/middleware-options';
export { type MemoryStoreOptions, memoryStore } from './store/memory-store';
export { type RedisClientLike, type RedisStoreOptions, redisStore } from './store/redis-store';
export type { ConsumeResult, CounterCharge, CounterState, Store } from './store/store';
export { StoreUnavailableError } from './store/store-unavailable-error';
