// Deliberate differences between our wire types and openapi.yaml, each with its reason. Keys are
// `<nearest Wire* type>.<property path>` (`[]` for array items, `{}` for record values). Entries
// that are no longer needed make the check fail, so this list stays true.

import type { Allowances } from './compare.ts';

const notesRequest = 'documented request field absent from the spec (NOTES.md)';
const messageCacheControl =
  'message-level cache_control: accepted by OpenRouter for Anthropic caching and sent by the official AI SDK provider; the spec only shows it on text parts';
const partCacheControl =
  'cache_control on non-text parts (images, files, audio, video): accepted for Anthropic prompt caching; the spec only shows it on text parts';

/** Fields the API accepts or sends that the spec lacks (see shared/openrouter/NOTES.md). */
const extensions = new Map<string, string>([
  // Request
  ['WireReasoningConfig.max_tokens', notesRequest],
  ['WireReasoningConfig.exclude', notesRequest],
  ['WireReasoningConfig.enabled', notesRequest],
  ['WireChatRequest.include_reasoning', notesRequest],
  ['WireChatRequest.verbosity', notesRequest],
  ['WireChatRequest.web_search_options', notesRequest],
  ['WireChatRequest.transforms', notesRequest],
  ['WireChatRequest.usage', `${notesRequest} (usage.include, now a no-op)`],
  ['WireSystemMessage.cache_control', messageCacheControl],
  ['WireDeveloperMessage.cache_control', messageCacheControl],
  ['WireUserMessage.cache_control', messageCacheControl],
  ['WireAssistantMessage.cache_control', messageCacheControl],
  ['WireToolMessage.cache_control', messageCacheControl],
  ['WireImagePart.cache_control', partCacheControl],
  ['WireFilePart.cache_control', partCacheControl],
  ['WireAudioPart.cache_control', partCacheControl],
  ['WireVideoPart.cache_control', partCacheControl],
  ['WireGeneratedImage.type', 'generated images carry `type: "image_url"` on the wire; sent back unchanged'],
  // Responses and chunks
  ['WireChatResponse.provider', 'the serving provider on every response (NOTES.md)'],
  ['WireChatChunk.provider', 'the serving provider on every chunk (NOTES.md)'],
  ['WireEmbeddingResponse.provider', 'the serving provider, as on chat responses'],
  ['WireChoice.native_finish_reason', "the provider's own finish reason (NOTES.md)"],
  ['WireChunkChoice.native_finish_reason', "the provider's own finish reason (NOTES.md)"],
  ['WireChoice.error', 'choice-level error with finish_reason "error" (NOTES.md)'],
  ['WireChunkChoice.error', 'choice-level error with finish_reason "error" (NOTES.md)'],
  ['WireResponseMessage.annotations', 'url_citation / file annotations on messages (NOTES.md)'],
  ['WireChunkDelta.annotations', 'url_citation / file annotations on deltas (NOTES.md)'],
  ['WireChunkDelta.images', 'generated images arrive on deltas as on messages (image output models)'],
  ['WireChatChunk.debug', 'debug echo chunk when debug.echo_upstream_body is set (NOTES.md)'],
  ['WireUsage.completion_tokens_details.image_tokens', 'image output tokens (NOTES.md usage object)'],
  // Errors
  ['WireErrorBody.error.availability', 'routing failure details (NOTES.md)'],
  ['WireErrorBody.error.error_type', 'some error bodies put error_type under error (NOTES.md)'],
  [
    'WireErrorBody.error.http_status',
    'some error bodies put http_status under error and omit code (NOTES.md)',
  ],
]);

/** Request fields where we allow more than the spec does. */
const widenings = new Map<string, string>(
  ['prompt', 'completion', 'request', 'image', 'audio'].map((name) => [
    `WireProviderPreferences.max_price.${name}`,
    'max_price values are strings in the spec and numbers in the docs; the API accepts both (NOTES.md)',
  ]),
);

/** Response fields where our type accepts less than the spec says may arrive. */
const narrowings = new Map<string, string>([
  [
    'WireResponseMessage.content',
    'the spec reuses the request-side assistant message, whose content may be an array of parts; responses carry a string or null',
  ],
  [
    'WireModelReasoning.supported_efforts[]',
    'the shared ReasoningEffort enum lists null for nullable fields; a null entry in this list carries no meaning',
  ],
]);

/** Spec-required fields we do not model. */
const omissions = new Map<string, string>([]);

export const allowances: Allowances = { extensions, widenings, narrowings, omissions };
