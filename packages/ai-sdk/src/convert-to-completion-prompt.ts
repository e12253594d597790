import {
  InvalidPromptError,
  type LanguageModelV4Prompt,
  UnsupportedFunctionalityError,
} from '@ai-sdk/provider';

export type CompletionPrompt = {
  prompt: string;
  /** Stops the model from writing the next user turn (only for chat-shaped prompts). */
  stopSequences: string[];
};

/**
 * A V4 prompt as the text of a legacy completion: a single user text goes as is; a
 * conversation becomes `user:` / `assistant:` turns after the system text, ending with an open
 * `assistant:` turn. Files, tool calls and tool results have no text form and are rejected.
 */
export function convertToCompletionPrompt(prompt: LanguageModelV4Prompt): CompletionPrompt {
  const first = prompt[0];
  if (prompt.length === 1 && first?.role === 'user' && first.content.every((part) => part.type === 'text')) {
    return {
      prompt: first.content.map((part) => (part.type === 'text' ? part.text : '')).join(''),
      stopSequences: [],
    };
  }
  let text = '';
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        text += `${message.content}\n\n`;
        break;
      case 'user':
      case 'assistant': {
        let turn = '';
        for (const part of message.content) {
          if (part.type === 'text') turn += part.text;
          else if (part.type !== 'reasoning')
            throw unsupported(`${part.type} parts in ${message.role} messages`);
        }
        text += `${message.role}:\n${turn}\n\n`;
        break;
      }
      case 'tool':
        throw unsupported('tool messages');
    }
  }
  if (text.length === 0) throw new InvalidPromptError({ prompt, message: 'The prompt is empty.' });
  return { prompt: `${text}assistant:\n`, stopSequences: ['\nuser:'] };
}

function unsupported(what: string): UnsupportedFunctionalityError {
  return new UnsupportedFunctionalityError({
    functionality: `${what} with the legacy completion model (use openrouter.chat(...) instead)`,
  });
}
