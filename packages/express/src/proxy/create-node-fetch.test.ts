import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeFetch, type NodeFetch, nodeBodyOf } from './create-node-fetch';
import { upstreamBody } from './upstream-body';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

let server: Server;
let origin: string;
let handler: Handler;
let transport: NodeFetch;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handler(request, Buffer.concat(chunks).toString('utf8'), response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  transport?.close();
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function readNode(response: Response): Promise<string> {
  return new Promise((resolve, reject) => {
    const body = upstreamBody(response);
    const chunks: Buffer[] = [];
    body.on('data', (chunk: Buffer) => chunks.push(chunk));
    body.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    body.once('error', reject);
  });
}

describe('createNodeFetch', () => {
  it('sends method, path, query, headers and body, and returns status, headers and body', async () => {
    handler = (request, body, response) => {
      response.writeHead(201, {
        'content-type': 'application/json',
        'x-echo': request.headers['x-custom'] ?? '',
      });
      response.end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          host: request.headers.host,
          length: request.headers['content-length'],
          body,
        }),
      );
    };
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/api/v1/chat?x=1&y=%C3%A9`, {
      method: 'POST',
      headers: { 'X-Custom': 'yes', 'content-type': 'application/json' },
      body: '{"é":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    const echoed = (await response.json()) as Record<string, string>;
    expect(echoed).toEqual({
      method: 'POST',
      url: '/api/v1/chat?x=1&y=%C3%A9',
      host: origin.slice('http://'.length),
      length: String(Buffer.byteLength('{"é":1}')),
      body: '{"é":1}',
    });
  });

  it('accepts Headers and header pairs, and encodes a path with characters Node would refuse', async () => {
    handler = (request, _body, response) => {
      response.end(JSON.stringify({ url: request.url, a: request.headers.a, b: request.headers.b }));
    };
    transport = createNodeFetch();
    const first = await transport.fetch(`${origin}/a b/é`, { headers: new Headers({ a: '1' }) });
    expect(await first.json()).toEqual({ url: '/a%20b/%C3%A9', a: '1' });
    const second = await transport.fetch(new URL(`${origin}/x#fragment`), { headers: [['B', '2']] });
    expect(await second.json()).toEqual({ url: '/x', b: '2' });
  });

  it('writes host, content-length and connection itself, whatever the caller passes', async () => {
    handler = (request, body, response) => {
      response.end(
        JSON.stringify({
          host: request.headers.host,
          length: request.headers['content-length'],
          body,
          raw: request.rawHeaders.length,
        }),
      );
    };
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/`, {
      method: 'POST',
      headers: {
        Host: 'evil.example',
        'Content-Length': '999',
        Connection: 'close',
        'Transfer-Encoding': 'chunked',
      },
      body: 'abc',
    });
    expect(await response.json()).toEqual({
      host: origin.slice('http://'.length),
      length: '3',
      body: 'abc',
      raw: 6,
    });
  });

  it('hands the proxy the Node body of its own responses, and only of those', async () => {
    handler = (_request, _body, response) => response.end('one two');
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/`);
    expect(nodeBodyOf(response)).toBeDefined();
    expect(await readNode(response)).toBe('one two');
    expect(nodeBodyOf(new Response('x'))).toBeUndefined();
    expect(await readNode(new Response('from a web body'))).toBe('from a web body');
  });

  it('reuses one kept-alive connection for sequential requests', async () => {
    const ports = new Set<number>();
    handler = (request, _body, response) => {
      ports.add(request.socket.remotePort ?? 0);
      response.end('ok');
    };
    transport = createNodeFetch();
    for (let index = 0; index < 5; index++) {
      const response = await transport.fetch(`${origin}/`);
      expect(await readNode(response)).toBe('ok');
    }
    expect(ports.size).toBe(1);
  });

  it('decodes a gzip body as fetch would', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'text/plain' });
      response.end(gzipSync('compressed text'));
    };
    transport = createNodeFetch();
    expect(await (await transport.fetch(`${origin}/`)).text()).toBe('compressed text');
    expect(await readNode(await transport.fetch(`${origin}/`))).toBe('compressed text');
  });

  it('returns a null body for 204', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(204);
      response.end();
    };
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/`);
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
  });

  it('streams the body as it arrives, before the response ends', async () => {
    let finish: (() => void) | undefined;
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
      finish = () => response.end('data: [DONE]\n\n');
    };
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/`);
    const body = upstreamBody(response);
    const first = await new Promise<string>((resolve) =>
      body.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    expect(first).toBe('data: first\n\n');
    const rest: string[] = [];
    body.on('data', (chunk: Buffer) => rest.push(chunk.toString()));
    const ended = new Promise((resolve) => body.once('end', resolve));
    finish?.();
    await ended;
    expect(rest.join('')).toBe('data: [DONE]\n\n');
  });

  it('rejects with the signal reason when aborted before or while waiting for headers', async () => {
    transport = createNodeFetch();
    const already = new AbortController();
    already.abort(new Error('stopped early'));
    await expect(transport.fetch(`${origin}/`, { signal: already.signal })).rejects.toThrow('stopped early');

    handler = () => {
      // Never answers.
    };
    const controller = new AbortController();
    const pending = transport.fetch(`${origin}/`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('errors the body when aborted mid-stream', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n');
    };
    transport = createNodeFetch();
    const controller = new AbortController();
    const response = await transport.fetch(`${origin}/`, { signal: controller.signal });
    const reading = response.text();
    controller.abort();
    await expect(reading).rejects.toBeDefined();
  });

  it('errors the body when the server cuts the connection mid-body', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('data: first\n\n', () => setTimeout(() => response.socket?.destroy(), 10));
    };
    transport = createNodeFetch();
    await expect(readNode(await transport.fetch(`${origin}/`))).rejects.toBeDefined();
    await expect((await transport.fetch(`${origin}/`)).text()).rejects.toBeDefined();
  });

  it('rejects with TypeError("fetch failed") and the cause when nobody listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    transport = createNodeFetch();
    const failure = await transport.fetch(`http://127.0.0.1:${port}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('fetch failed');
    expect((failure as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('leaves what it does not handle to globalThis.fetch (Request objects, streamed bodies)', async () => {
    handler = (request, body, response) => response.end(`${request.method} ${body}`);
    transport = createNodeFetch();
    const viaRequest = await transport.fetch(new Request(`${origin}/`, { method: 'POST', body: 'r' }));
    expect(nodeBodyOf(viaRequest)).toBeUndefined();
    expect(await viaRequest.text()).toBe('POST r');
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('s'));
        controller.close();
      },
    });
    const viaStream = await transport.fetch(`${origin}/`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(nodeBodyOf(viaStream)).toBeUndefined();
    expect(await viaStream.text()).toBe('POST s');
  });

  it('does not follow redirects (the key is never sent to another origin)', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(302, { location: 'http://example.invalid/steal' });
      response.end();
    };
    transport = createNodeFetch();
    const response = await transport.fetch(`${origin}/`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('http://example.invalid/steal');
    await response.text();
  });
});

describe('createNodeFetch over https', () => {
  // A self-signed certificate for localhost and 127.0.0.1, for these tests only.
  const fixture = (name: string): string =>
    readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
  const cert = fixture('localhost-cert.pem');
  let secure: HttpsServer;
  let secureOrigin: string;

  beforeAll(async () => {
    secure = createHttpsServer({ cert, key: fixture('localhost-key.pem') }, (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          url: request.url,
          port: request.socket.remotePort,
          sni: (request.socket as TLSSocket).servername,
        }),
      );
    });
    await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', resolve));
    secureOrigin = `https://localhost:${(secure.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    secure.closeAllConnections();
    await new Promise<void>((resolve) => secure.close(() => resolve()));
  });

  it('verifies the certificate against the name, sends SNI, and keeps the TLS connection alive', async () => {
    transport = createNodeFetch({ ca: cert });
    const first = (await (await transport.fetch(`${secureOrigin}/one`)).json()) as Record<string, unknown>;
    const second = (await (await transport.fetch(`${secureOrigin}/two`)).json()) as Record<string, unknown>;
    expect(first.url).toBe('/one');
    expect(first.sni).toBe('localhost');
    expect(second.port).toBe(first.port);
  });

  it('refuses a certificate it does not trust, as fetch does', async () => {
    transport = createNodeFetch();
    const failure = await transport.fetch(`${secureOrigin}/`).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('fetch failed');
    expect((failure as TypeError).cause).toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  });
});
