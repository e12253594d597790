/** One HTTP endpoint a load generator calls: where, with which headers and body. */
export type HttpTarget = {
  url: string;
  headers: Record<string, string>;
  body: string;
};
