type WithToBase64 = Uint8Array & { toBase64?: () => string };

/** Base64 of bytes without Node's Buffer (works in edge runtimes and browsers). */
export function encodeBase64(bytes: Uint8Array): string {
  const native = (bytes as WithToBase64).toBase64;
  if (typeof native === 'function') return native.call(bytes);
  let binary = '';
  const step = 0x8000;
  for (let offset = 0; offset < bytes.length; offset += step) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + step));
  }
  return btoa(binary);
}
