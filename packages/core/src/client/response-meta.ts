/** What we know about the HTTP response that produced a result. */
export type ResponseMeta = {
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** `X-Generation-Id` (or the body/chunk `id` when the header is missing). */
  generationId: string | undefined;
  url: string;
  /** How many HTTP attempts were made (1 = no retry). */
  attempts: number;
};
