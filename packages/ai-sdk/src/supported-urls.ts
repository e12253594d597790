/**
 * URLs OpenRouter fetches itself, so the AI SDK passes them instead of downloading: images,
 * PDFs and videos over http(s). Audio must be inlined (base64), so it is always downloaded.
 */
export const SUPPORTED_URLS: Record<string, RegExp[]> = {
  'image/*': [/^https?:\/\//],
  'application/pdf': [/^https?:\/\//],
  'video/*': [/^https?:\/\//],
};
