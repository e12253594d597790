import { safeValidateUIMessages } from 'ai';
import { z } from 'zod';
import { type ChatSettings, REASONING_CHOICES, SORT_CHOICES } from '../shared/chat-settings';
import { FAULT_SCENARIOS } from '../shared/fault-scenarios';
import type { DemoMessage } from '../shared/reply-metadata';

const modelId = z
  .string()
  .trim()
  .min(1, 'a model id is required')
  .max(200)
  .regex(/^[^\s]+$/, 'model ids have no spaces');

const settingsSchema = z
  .object({
    model: modelId,
    fallbackModels: z.array(modelId).max(8, 'at most 8 fallback models').default([]),
    sort: z.enum(SORT_CHOICES as [string, ...string[]]).default('default'),
    zdr: z.boolean().default(false),
    reasoning: z.enum(REASONING_CHOICES as [string, ...string[]]).default('default'),
    tools: z.boolean().default(true),
    scenario: z.enum(FAULT_SCENARIOS.map((scenario) => scenario.id) as [string, ...string[]]).optional(),
  })
  .strict();

const maxMessages = 200;

export type ChatRequest = { messages: DemoMessage[]; settings: ChatSettings };

/**
 * Validates the body the page posts to the server paths: `{ messages, settings }` with AI SDK UI
 * messages and the page's controls. Problems come back as one plain sentence.
 */
export async function parseChatRequest(
  body: unknown,
): Promise<{ ok: true; request: ChatRequest } | { ok: false; message: string }> {
  if (typeof body !== 'object' || body === null) {
    return { ok: false, message: 'Send a JSON body: { "messages": [...], "settings": { "model": "..." } }' };
  }
  const { messages, settings } = body as { messages?: unknown; settings?: unknown };
  const parsedSettings = settingsSchema.safeParse(settings);
  if (!parsedSettings.success) {
    const problems = parsedSettings.error.issues.map(
      (issue) => `settings${issue.path.map((key) => `.${String(key)}`).join('')}: ${issue.message}`,
    );
    return { ok: false, message: `Invalid chat settings: ${problems.join('; ')}` };
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    return { ok: false, message: '`messages` must be a non-empty array of chat messages' };
  }
  if (messages.length > maxMessages) {
    return {
      ok: false,
      message: `The conversation is too long (${messages.length} messages; at most ${maxMessages}). Start a new chat.`,
    };
  }
  const validated = await safeValidateUIMessages<DemoMessage>({ messages });
  if (!validated.success) return { ok: false, message: `Invalid messages: ${validated.error.message}` };
  return { ok: true, request: { messages: validated.data, settings: parsedSettings.data as ChatSettings } };
}
