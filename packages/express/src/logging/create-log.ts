import type { GatewayLogger, LogFields, LogLevel } from './gateway-logger';
import type { Redactor } from './redactor';

export type Log = (level: LogLevel, message: string, fields?: LogFields) => void;

/** A log function that redacts every message and field and never throws into the request. */
export function createLog(logger: GatewayLogger | undefined, redactor: Redactor): Log {
  if (!logger) return () => {};
  return (level, message, fields) => {
    const write = logger[level];
    if (!write) return;
    try {
      const redactedMessage = redactor.text(message);
      if (fields === undefined) write.call(logger, redactedMessage);
      else write.call(logger, redactedMessage, redactor.value(fields) as LogFields);
    } catch {
      // A failing logger must not break a response.
    }
  };
}
