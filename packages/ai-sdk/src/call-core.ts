import { type ErrorContext, mapError } from './map-error';

/**
 * Runs one request through core's client: its result, or core's typed error converted to the AI
 * SDK's (`mapError`) with the endpoint, the wire body and core's retry budget.
 */
export async function callCore<T>(send: () => Promise<T>, context: ErrorContext): Promise<T> {
  try {
    return await send();
  } catch (error) {
    throw mapError(error, context);
  }
}
