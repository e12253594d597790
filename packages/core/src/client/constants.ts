/** OpenRouter's API base. Point `baseURL` elsewhere for the emulator or our Express middleware. */
export const DEFAULT_BASE_URL = 'https://openrouter.ai/api/v1';

/** This package's version, stamped into the client identifier header. */
export const CORE_VERSION: string = __PACKAGE_VERSION__;
