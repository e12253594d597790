import type { LanguageModelV4ToolResultOutput, SharedV4Warning } from '@ai-sdk/provider';
import type { WireContentPart } from '@openrouter-adapters/core';
import { convertFilePart } from './convert-file-part';
import { readMessageOptions } from './read-message-options';

/**
 * A tool result of any V4 output type as the content of an OpenRouter `tool` message: text as
 * is, JSON serialised, denials as their reason, and rich `content` as content parts (text,
 * images, documents, audio, video).
 */
export function convertToolResultOutput(
  output: LanguageModelV4ToolResultOutput,
  warnings: SharedV4Warning[],
): string | WireContentPart[] {
  switch (output.type) {
    case 'text':
    case 'error-text':
      return output.value;
    case 'json':
    case 'error-json':
      return JSON.stringify(output.value);
    case 'execution-denied':
      return output.reason ?? 'Tool execution denied.';
    case 'content': {
      const parts: WireContentPart[] = [];
      for (const item of output.value) {
        if (item.type === 'text') {
          parts.push({ type: 'text', text: item.text });
        } else if (item.type === 'file') {
          parts.push(
            convertFilePart({
              data: item.data,
              mediaType: item.mediaType,
              filename: item.filename,
              options: readMessageOptions(item.providerOptions),
            }),
          );
        } else {
          warnings.push({
            type: 'unsupported',
            feature: 'custom tool result content',
            details: 'OpenRouter has no equivalent for custom tool result parts; the part was not sent.',
          });
        }
      }
      return parts;
    }
  }
}
