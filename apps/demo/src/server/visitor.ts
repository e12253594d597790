import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/**
 * Each browser gets an anonymous visitor id in an HttpOnly cookie: the middleware's `authorize`
 * returns it, so budgets, rate limits and a signed-in visitor's own OpenRouter key are per
 * visitor. The id is random (122 bits), so it also works as the session that keeps the key.
 */
export const VISITOR_COOKIE = 'demo_visitor';

const visitorIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const oneYearSeconds = 365 * 24 * 60 * 60;
const visitors = new WeakMap<Request, string>();

/** Reads the visitor cookie, or issues one; `visitorIdOf(request)` returns the id afterwards. */
export function visitorCookie(request: Request, response: Response, next: NextFunction): void {
  const existing = readCookie(request.headers.cookie, VISITOR_COOKIE);
  if (existing !== undefined && visitorIdPattern.test(existing)) {
    visitors.set(request, existing);
  } else {
    const visitorId = randomUUID();
    visitors.set(request, visitorId);
    response.append(
      'set-cookie',
      `${VISITOR_COOKIE}=${visitorId}; Path=/; Max-Age=${oneYearSeconds}; HttpOnly; SameSite=Lax${request.secure ? '; Secure' : ''}`,
    );
  }
  next();
}

export function visitorIdOf(request: Request): string | undefined {
  return visitors.get(request);
}

/** The `cookie` header the server sends when it calls its own middleware for a visitor. */
export function visitorCookieHeader(visitorId: string): string {
  return `${VISITOR_COOKIE}=${visitorId}`;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator !== -1 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
