import type { Locator, Page } from 'playwright-core';
import type { ChatPath } from '../../src/shared/chat-path';

/** Drives the demo page the way a visitor does: controls, composer, replies. */
export class DemoPage {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Opens the page and waits for the models from `/models`. */
  async open(): Promise<void> {
    await this.page.goto(this.url);
    await this.page.getByTestId('mode').waitFor();
    await this.page.getByTestId('model-option').first().waitFor();
  }

  async choosePath(path: ChatPath): Promise<void> {
    await this.page.locator(`input[name="path"][value="${path}"]`).check();
  }

  async chooseModel(id: string): Promise<void> {
    await this.page.locator(`input[name="model"][value="${id}"]`).check();
  }

  async chooseScenario(id: string): Promise<void> {
    await this.page.locator('#scenario').selectOption(id);
  }

  async chooseReasoning(choice: string): Promise<void> {
    await this.page.locator('#reasoning').selectOption(choice);
  }

  async setFallbacks(text: string): Promise<void> {
    await this.page.locator('#fallbacks').fill(text);
  }

  /** Types the message and sends it; resolves once it is in the conversation. */
  async send(text: string): Promise<void> {
    const userMessages = this.page.locator('[data-testid="message"][data-role="user"]');
    const before = await userMessages.count();
    await this.page.locator('#prompt').fill(text);
    await this.page.getByTestId('send').click();
    await userMessages.nth(before).waitFor();
  }

  /** Waits until the reply finished (or failed, or was stopped): Send is back. */
  async waitUntilIdle(timeout = 15_000): Promise<void> {
    await this.page.getByTestId('send').waitFor({ timeout });
  }

  replies(): Locator {
    return this.page.locator('[data-testid="message"][data-role="assistant"]');
  }

  lastReply(): Locator {
    return this.replies().last();
  }

  async replyText(reply: Locator = this.lastReply()): Promise<string> {
    return (await reply.getByTestId('message-text').allTextContents()).join('\n');
  }

  /**
   * Records the length of the newest reply's text after every DOM change, so a test can tell a
   * streamed reply (many growing lengths) from one that appeared at once.
   */
  async watchTextGrowth(): Promise<() => Promise<number[]>> {
    await this.page.evaluate(() => {
      const samples: Array<{ replies: number; length: number }> = [];
      (window as unknown as { textSamples: typeof samples }).textSamples = samples;
      const root = document.querySelector('[data-testid="messages"]');
      if (root === null) throw new Error('no message list');
      new MutationObserver(() => {
        const replies = document.querySelectorAll('[data-role="assistant"]');
        const last = replies[replies.length - 1];
        const length = last
          ? [...last.querySelectorAll('[data-testid="message-text"]')].reduce(
              (sum, element) => sum + (element.textContent?.length ?? 0),
              0,
            )
          : 0;
        const previous = samples[samples.length - 1];
        if (previous === undefined || previous.replies !== replies.length || previous.length !== length) {
          samples.push({ replies: replies.length, length });
        }
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    return async () => {
      const samples = await this.page.evaluate(
        () => (window as unknown as { textSamples: Array<{ replies: number; length: number }> }).textSamples,
      );
      const last = samples[samples.length - 1];
      return samples
        .filter((sample) => sample.replies === last?.replies && sample.length > 0)
        .map((sample) => sample.length);
    };
  }
}
