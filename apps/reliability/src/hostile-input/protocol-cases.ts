import { bigBody, chat, get, type HostileCase, post, raw, rawPost, userHeaders } from './hostile-request';

/** Header tricks (raw bytes), content types, methods and identity. */
export const protocolCases: HostileCase[] = [
  // Header tricks (raw bytes: no client library would send these).
  {
    id: 'header-obs-fold-injection',
    attack: 'obsolete line folding smuggling an Authorization line into a forwarded header',
    send: (context) =>
      raw(context, [
        rawPost(context, ['X-Session-Id: a', ' Authorization: Bearer sk-or-v1-smuggled'], chat({})),
      ]),
    rejected: { status: 400 },
  },
  {
    id: 'header-bare-lf',
    attack: 'a bare LF inside a header block',
    send: (context) =>
      raw(context, [
        rawPost(context, ['X-Session-Id: a\nAuthorization: Bearer sk-or-v1-smuggled'], chat({})),
      ]),
    rejected: { status: 400 },
  },
  {
    id: 'header-nul',
    attack: 'a NUL byte in a forwarded header value',
    send: (context) => raw(context, [rawPost(context, ['X-Session-Id: a\u0000b'], chat({}))]),
    rejected: { status: 400 },
  },
  {
    id: 'oversized-headers',
    attack: '64 KB of headers',
    send: (context) => raw(context, [rawPost(context, [`X-Padding: ${'a'.repeat(64 * 1024)}`], chat({}))]),
    rejected: { status: 431 },
  },
  {
    id: 'request-smuggling-te-cl',
    attack: 'Transfer-Encoding: chunked together with Content-Length',
    send: (context) =>
      raw(context, [
        `POST ${context.mountPath}/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-User: mallory\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      ]),
    rejected: { status: 400 },
  },
  // Content types, methods, identity.
  {
    id: 'form-post',
    attack: 'a cross-site form post (text/plain)',
    send: (context) =>
      post(context, '/chat/completions', chat({}), { 'content-type': 'text/plain', 'x-user': 'mallory' }),
    rejected: { status: 415, errorType: 'unsupported_media_type' },
  },
  {
    id: 'compressed-body',
    attack: 'Content-Encoding: gzip (a decompression bomb vector)',
    send: (context) =>
      post(context, '/chat/completions', chat({}), { ...userHeaders, 'content-encoding': 'gzip' }),
    rejected: { status: 415, errorType: 'unsupported_media_type' },
  },
  {
    id: 'unauthorized-large-body',
    attack: 'no identity, 1 MB body (authorize runs before the body is read)',
    send: (context) =>
      post(context, '/chat/completions', bigBody(1024 * 1024), { 'content-type': 'application/json' }),
    rejected: { status: 401, errorType: 'unauthorized' },
  },
  {
    id: 'wrong-method',
    attack: 'GET on /chat/completions',
    send: (context) => get(context, `/chat/completions`),
    rejected: { status: 405, errorType: 'method_not_allowed' },
  },
  {
    id: 'other-users-generation',
    attack: "mallory reads alice's /generation id",
    send: (context) => get(context, `/generation?id=${encodeURIComponent(context.aliceGenerationId)}`),
    rejected: { status: 404, errorType: 'generation_not_found' },
  },
  {
    id: 'made-up-generation',
    attack: 'a made-up /generation id (probing)',
    send: (context) => get(context, `/generation?id=gen-1790000000-AAAAAAAAAAAAAAAAAAAA`),
    rejected: { status: 404, errorType: 'generation_not_found' },
  },
];
