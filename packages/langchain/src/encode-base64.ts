const CHUNK = 0x8000;

/** Base64 of raw bytes without Node's `Buffer` (works in every runtime LangChain supports). */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + CHUNK));
  }
  return btoa(binary);
}
