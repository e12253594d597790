import type { ReactElement } from 'react';
import type { DemoConfig } from '../../shared/demo-config';

/** Title, the mode (emulator or OpenRouter) and the sign-in control. */
export function PageHeader({
  config,
  signedIn,
}: {
  config: DemoConfig | undefined;
  signedIn: boolean;
}): ReactElement {
  return (
    <header className="header">
      <div className="title">
        <h1>openrouter-adapters demo</h1>
        <p>
          One conversation, three adapters: the browser through the Express middleware, the AI SDK, LangChain.
        </p>
      </div>
      {config && (
        <div className={`mode mode-${config.mode}`} data-testid="mode">
          {config.mode === 'emulator' ? (
            <>
              <strong>Emulator mode</strong>
              <span>
                Replies come from the local OpenRouter emulator. Set <code>OPENROUTER_API_KEY</code> and
                restart to use OpenRouter.
              </span>
            </>
          ) : (
            <>
              <strong>OpenRouter</strong>
              <span>Live models; the server’s key never reaches this page.</span>
            </>
          )}
        </div>
      )}
      <div className="account" data-testid="account">
        {signedIn ? (
          <>
            <span className="key-status" data-testid="key-status">
              Using your own OpenRouter key
            </span>
            <form method="post" action="/api/openrouter/auth/sign-out" onSubmit={signOut}>
              <button type="submit" className="secondary">
                Sign out
              </button>
            </form>
          </>
        ) : (
          <>
            <span className="key-status" data-testid="key-status">
              Using the demo server’s key
            </span>
            <a className="button" href="/api/openrouter/auth/sign-in" data-testid="sign-in">
              Sign in with OpenRouter
            </a>
          </>
        )}
      </div>
    </header>
  );
}

/** `POST /auth/sign-out` answers 204: do it with fetch and reload the page's state. */
function signOut(event: { preventDefault(): void }): void {
  event.preventDefault();
  void fetch('/api/openrouter/auth/sign-out', { method: 'POST' }).then(() => window.location.reload());
}
