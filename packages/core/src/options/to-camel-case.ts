/** `allow_fallbacks`, `allow-fallbacks` → `allowFallbacks` (for suggestions; options are camelCase). */
export function toCamelCase(key: string): string {
  return key.replace(/[-_\s]+([a-zA-Z0-9])/g, (_match, character: string) => character.toUpperCase());
}
