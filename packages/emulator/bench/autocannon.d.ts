// Minimal types for the parts of autocannon the benchmark uses (the package ships none).
declare module 'autocannon' {
  type Histogram = {
    average: number;
    mean: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
    total: number;
  };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
    '2xx': number;
  };
  export type Options = {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    pipelining?: number;
    duration?: number;
  };
  function autocannon(options: Options): Promise<Result>;
  // biome-ignore lint/style/noDefaultExport: mirrors the CommonJS package's single export.
  export default autocannon;
}
