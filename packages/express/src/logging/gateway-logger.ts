/** Log fields: plain data, already redacted when the logger receives them. */
export type LogFields = Record<string, unknown>;

/**
 * Receives the middleware's log lines. `console` fits; for pino-style loggers (fields first) wrap:
 * `{ warn: (message, fields) => pino.warn(fields, message), ... }`.
 */
export type GatewayLogger = {
  debug?: (message: string, fields?: LogFields) => void;
  info?: (message: string, fields?: LogFields) => void;
  warn?: (message: string, fields?: LogFields) => void;
  error?: (message: string, fields?: LogFields) => void;
};

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
