import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
  type RequestOptions,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/** A `fetch` for upstream requests on `node:http`/`node:https`, and its connection pools. */
export type NodeFetch = {
  fetch: typeof globalThis.fetch;
  /** Closes the idle pooled connections (requests still running finish normally). */
  close(): void;
};

export type NodeFetchOptions = {
  /** Idle pooled connections are closed after this long (default 4 s, or earlier when the server's `Keep-Alive: timeout` says so). */
  idleSocketTimeoutMs?: number;
  /** Certificates to trust instead of Node's bundled roots for `https:` upstreams (tests use a self-signed one). */
  ca?: string | string[];
};

const nodeBodyKey = Symbol('openrouter-adapters.express.nodeBody');

type WithNodeBody = Response & { [nodeBodyKey]?: Readable };

/**
 * The upstream body of a `Response` made by `createNodeFetch`, as the Node stream it arrives on,
 * so the proxy reads bytes without a Web Streams detour. `undefined` for any other `Response`.
 * Read either this or the `Response` body, never both.
 */
export function nodeBodyOf(response: Response): Readable | undefined {
  return (response as WithNodeBody)[nodeBodyKey];
}

/** Bodies `fetch` accepts that this transport sends as they are; others go to `globalThis.fetch`. */
function isPlainBody(body: RequestInit['body']): body is string | Uint8Array | null | undefined {
  return body === undefined || body === null || typeof body === 'string' || body instanceof Uint8Array;
}

/** Headers this transport writes itself (framing and routing): a caller's value is ignored, never duplicated. */
const ownHeaders = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'keep-alive']);

/** Appends request headers to Node's flat raw list `[name, value, …]` (names lower-case, as `fetch` sends them). */
function toHeaderList(headers: RequestInit['headers'], list: string[]): void {
  if (headers === undefined) return;
  const add = (name: string, value: string): void => {
    const lower = name.toLowerCase();
    if (!ownHeaders.has(lower)) list.push(lower, value);
  };
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      add(name, value);
    });
  } else if (Array.isArray(headers)) {
    for (const [name, value] of headers) {
      if (name !== undefined && value !== undefined) add(name, value);
    }
  } else {
    for (const name of Object.keys(headers)) {
      const value = (headers as Record<string, string>)[name];
      if (value !== undefined) add(name, value);
    }
  }
}

/** Where requests to one origin go: parsed once, not per request. */
type Origin = { secure: boolean; hostname: string; port: number; host: string };

const maxOrigins = 64;
/** Path and query characters Node sends as they are; anything else is left to `URL` to encode. */
const plainPath = /^\/[\x21-\x7e]*$/;

/** The error `fetch` rejects with when its signal aborts. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

const ignore = (): void => {};

/** Response headers without the ones `Headers` refuses (dropped, as a browser would, not fatal). */
function validHeaders(pairs: [string, string][]): Headers {
  const headers = new Headers();
  for (const [name, value] of pairs) {
    try {
      headers.append(name, value);
    } catch {
      // Not a valid header: left out.
    }
  }
  return headers;
}

/** Statuses whose responses have no body (a `Response` refuses one for them). */
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/** Decodes a compressed body (upstream may compress even unasked), as `fetch` would. */
function decoded(message: IncomingMessage): Readable {
  const encoding = message.headers['content-encoding']?.trim().toLowerCase();
  const decoder =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? createGunzip()
      : encoding === 'deflate'
        ? createInflate()
        : encoding === 'br'
          ? createBrotliDecompress()
          : undefined;
  if (decoder === undefined) return message;
  decoder.on('error', ignore);
  message.on('error', (error) => decoder.destroy(error));
  decoder.on('close', () => {
    if (!message.readableEnded) message.destroy();
  });
  return message.pipe(decoder);
}

/**
 * A Web stream over a Node body that starts reading only when read (`highWaterMark: 0`), so a
 * proxy that takes the Node body (`nodeBodyOf`) is never raced by it.
 */
function lazyWebStream(body: Readable): ReadableStream<Uint8Array> {
  let attached = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!attached) {
          attached = true;
          let finished = false;
          body.on('data', (chunk: Buffer) => {
            controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
            if ((controller.desiredSize ?? 0) <= 0) body.pause();
          });
          body.once('end', () => {
            finished = true;
            controller.close();
          });
          body.once('error', (error) => {
            finished = true;
            controller.error(error);
          });
          body.once('close', () => {
            if (!finished) controller.error(new Error('The connection closed before the body ended'));
          });
        }
        body.resume();
      },
      cancel() {
        body.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A `Response` over a Node body; headers `fetch` would refuse are dropped rather than failing it. */
function makeResponse(status: number, headers: [string, string][], body: Readable | undefined): Response {
  try {
    return new Response(body === undefined ? null : lazyWebStream(body), { status, headers });
  } catch {
    return new Response(body === undefined ? null : lazyWebStream(body), {
      status,
      headers: validHeaders(headers),
    });
  }
}

/**
 * A lean `fetch` for the upstream client: `node:http`/`node:https` with keep-alive connection
 * pools (TCP no-delay), no redirects followed (the key is never sent elsewhere), no decompression
 * asked for. It returns a standard `Response` (status, headers, a Web body for whoever reads it),
 * whose Node body `nodeBodyOf` hands to the proxy, so streamed bytes go from socket to client
 * without Web Streams in between. Retries, timeouts and typed errors stay with core's client,
 * which calls it. Inputs it does not handle (a `Request` object, a streamed body) go to
 * `globalThis.fetch`.
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const agentOptions = {
    keepAlive: true,
    keepAliveMsecs: 1_000,
    // Closes idle pooled sockets (active ones are never cut by it).
    timeout: options.idleSocketTimeoutMs ?? 4_000,
    noDelay: true,
    scheduling: 'lifo' as const,
  };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(
    options.ca === undefined ? agentOptions : { ...agentOptions, ca: options.ca },
  );

  const origins = new Map<string, Origin | null>();
  /** The origin and path of an absolute URL, or `undefined` for what this transport leaves to `fetch`. */
  const target = (url: string): { origin: Origin; path: string } | undefined => {
    const schemeEnd = url.indexOf('://');
    const pathStart = schemeEnd < 0 ? -1 : url.indexOf('/', schemeEnd + 3);
    const originText = pathStart < 0 ? url : url.slice(0, pathStart);
    let origin = origins.get(originText);
    if (origin === undefined) {
      origin = null;
      try {
        const parsed = new URL(originText);
        if (
          (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
          parsed.username === '' &&
          parsed.password === '' &&
          parsed.pathname === '/' &&
          parsed.search === '' &&
          parsed.hash === ''
        ) {
          const secure = parsed.protocol === 'https:';
          origin = {
            secure,
            hostname: parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname,
            port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port),
            host: parsed.host,
          };
        }
      } catch {
        // Not a URL this transport understands: `fetch` decides.
      }
      if (origins.size >= maxOrigins) origins.clear();
      origins.set(originText, origin);
    }
    if (origin === null) return undefined;
    let path = pathStart < 0 ? '/' : url.slice(pathStart);
    const hash = path.indexOf('#');
    if (hash >= 0) path = path.slice(0, hash);
    if (!plainPath.test(path)) {
      const parsed = new URL(url);
      path = `${parsed.pathname}${parsed.search}`;
    }
    return { origin, path };
  };

  const nodeFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if (typeof input !== 'string' && !(input instanceof URL)) return globalThis.fetch(input, init);
    const body = init.body;
    if (!isPlainBody(body)) return globalThis.fetch(input, init);
    const destination = target(typeof input === 'string' ? input : input.href);
    if (destination === undefined) return globalThis.fetch(input, init);
    const { origin, path } = destination;
    const signal = init.signal ?? undefined;
    if (signal?.aborted) return Promise.reject(abortReason(signal));

    return new Promise<Response>((resolve, reject) => {
      const headers: string[] = ['host', origin.host];
      toHeaderList(init.headers, headers);
      if (body !== undefined && body !== null)
        headers.push('content-length', String(Buffer.byteLength(body)));
      const requestOptions: RequestOptions = {
        method: init.method ?? 'GET',
        hostname: origin.hostname,
        port: origin.port,
        path,
        // A raw list: Node sends it as it is (no per-header bookkeeping), `host` included.
        headers,
        agent: origin.secure ? httpsAgent : httpAgent,
      };
      const outgoing: ClientRequest = (origin.secure ? httpsRequest : httpRequest)(requestOptions);
      let message: IncomingMessage | undefined;
      let settled = false;
      const onAbort = (): void => {
        const reason = abortReason(signal!);
        const error = reason instanceof Error ? reason : new Error(String(reason));
        if (!settled) {
          settled = true;
          reject(reason);
        }
        outgoing.destroy(error);
        message?.destroy(error);
      };
      const detach = (): void => signal?.removeEventListener('abort', onAbort);
      signal?.addEventListener('abort', onAbort);
      // `on`, not `once`: a socket error after the response must not go unhandled.
      outgoing.on('error', (error) => {
        detach();
        if (settled) return;
        settled = true;
        reject(new TypeError('fetch failed', { cause: error }));
      });
      outgoing.once('response', (incoming) => {
        message = incoming;
        incoming.once('close', detach);
        // Whoever reads the body sees its errors; unread, an error must not crash the process.
        incoming.on('error', ignore);
        if (settled) {
          incoming.destroy();
          return;
        }
        settled = true;
        const responseHeaders: [string, string][] = [];
        const raw = incoming.rawHeaders;
        for (let index = 0; index + 1 < raw.length; index += 2) {
          responseHeaders.push([raw[index]!, raw[index + 1]!]);
        }
        const status = incoming.statusCode ?? 0;
        const nodeBody = nullBodyStatuses.has(status) ? undefined : decoded(incoming);
        if (nodeBody === undefined) incoming.resume();
        let response: Response;
        try {
          response = makeResponse(status, responseHeaders, nodeBody);
        } catch (error) {
          incoming.destroy();
          reject(new TypeError('fetch failed', { cause: error }));
          return;
        }
        if (nodeBody !== undefined) (response as WithNodeBody)[nodeBodyKey] = nodeBody;
        resolve(response);
      });
      outgoing.end(body ?? undefined);
    });
  };

  return {
    fetch: nodeFetch as typeof globalThis.fetch,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
