import { describe, expect, it } from 'vitest';
import { VISITOR_COOKIE } from '../src/server/visitor';
import { CHAT_PATHS } from '../src/shared/chat-path';
import { saveScreenshot } from './harness/screenshots';
import { startDemoSession } from './harness/start-demo-session';

const session = startDemoSession();

/** OpenRouter's key label, as the emulator logs an `Authorization` header: `sk-or-v1-abc...xyz`. */
function keyLabel(key: string): string {
  const rest = key.slice('sk-or-v1-'.length);
  return `Bearer sk-or-v1-${rest.slice(0, 3)}...${rest.slice(-3)}`;
}

/** The `Authorization` labels the emulator saw on chat requests since `since`. */
function chatAuthorizations(since: number): string[] {
  return session.server
    .emulator!.requests.filter(
      (request) => request.path.endsWith('/chat/completions') && request.startedAt >= since,
    )
    .map((request) => request.headers.authorization ?? '(none)');
}

describe('sign in with OpenRouter (PKCE)', () => {
  it('switches the visitor from the server key to their own key, on all three paths', async () => {
    const { page } = session.demo;
    expect(await page.getByTestId('key-status').textContent()).toBe('Using the demo server’s key');
    const beforeSignIn = Date.now();
    await session.demo.send('Hello with the server key.');
    await session.demo.waitUntilIdle();
    const [serverKeyLabel] = chatAuthorizations(beforeSignIn);
    expect(serverKeyLabel).toMatch(/^Bearer sk-or-v1-dem\.\.\.\w{3}$/);

    // The button goes through the middleware's PKCE route to the consent page (the emulator's).
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => url.href.startsWith(session.server.emulator!.authURL));
    const consent = new URL(page.url());
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('callback_url')).toBe(
      `${session.server.url}/api/openrouter/auth/callback`,
    );
    await saveScreenshot(page, 'sign-in-consent');
    await page.locator('#authorize').click();

    // Back on the demo: the key was exchanged and kept on the server, under this visitor.
    await page.waitForURL(`${session.server.url}/`);
    await page.getByText('Using your own OpenRouter key').waitFor();
    const visitor = (await session.browser.context.cookies(session.server.url)).find(
      (cookie) => cookie.name === VISITOR_COOKIE,
    );
    const ownKey = await session.server.keyStore.get(visitor!.value);
    expect(ownKey).toMatch(/^sk-or-v1-/);
    // The page never sees the key.
    expect(await page.content()).not.toContain(ownKey!);

    await session.demo.open();
    await page.locator('#tools').uncheck();
    const afterSignIn = Date.now();
    for (const path of CHAT_PATHS) {
      await session.demo.choosePath(path);
      await session.demo.send(`Hello with my own key, via ${path}.`);
      await session.demo.waitUntilIdle();
      expect(await session.demo.lastReply().getByTestId('reply-error').count()).toBe(0);
    }
    const labels = chatAuthorizations(afterSignIn);
    expect(labels).toHaveLength(3);
    expect(new Set(labels)).toEqual(new Set([keyLabel(ownKey!)]));
    expect(labels).not.toContain(serverKeyLabel);
    await saveScreenshot(page, 'signed-in');

    // Signing out forgets the key: the server's key pays again.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByText('Using the demo server’s key').waitFor();
    expect(await session.server.keyStore.get(visitor!.value)).toBeUndefined();
    const afterSignOut = Date.now();
    await session.demo.page.locator('#tools').uncheck();
    await session.demo.send('Hello with the server key again.');
    await session.demo.waitUntilIdle();
    expect(chatAuthorizations(afterSignOut)).toEqual([serverKeyLabel]);
  });

  it('a cancelled consent leaves the visitor on the server key and says why', async () => {
    const { page } = session.demo;
    await page.getByTestId('sign-in').click();
    await page.waitForURL((url) => url.href.startsWith(session.server.emulator!.authURL));
    await page.locator('#deny').click();
    await page.waitForURL((url) => url.href.startsWith(`${session.server.url}/`));
    expect(await page.getByTestId('sign-in-error').textContent()).toMatch(
      /^Sign-in with OpenRouter failed: /,
    );
    expect(await page.getByTestId('key-status').textContent()).toBe('Using the demo server’s key');
  });
});
