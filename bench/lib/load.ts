/** A bounded load on a loopback server through autocannon's programmatic API. */
import autocannon from 'autocannon';

export interface LoadRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  /** Latency of 2xx answers, whole milliseconds (autocannon's resolution). */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly total: number;
  /** Answers outside 2xx plus connection errors and timeouts: a run with any is not a clean figure. */
  readonly failures: number;
}

export const connections = 10;

export async function applyLoad(request: LoadRequest, seconds: number): Promise<LoadResult> {
  const host = new URL(request.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new Error(`load is only ever sent to loopback, not ${host}`);
  const result = await autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body === undefined ? {} : { body: request.body }),
    connections,
    duration: seconds,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
