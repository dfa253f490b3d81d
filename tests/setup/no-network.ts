/**
 * Setup file of the integration project: no test leaves the machine. fetch reaches loopback
 * addresses only; anything else (a spec's tokenUrl on example.com, say) fails the test by name.
 */
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const realFetch = globalThis.fetch;

export function isLoopback(url: string): boolean {
  try {
    return loopback.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

globalThis.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
  const url = input instanceof Request ? input.url : String(input);
  if (!isLoopback(url)) return Promise.reject(new Error(`tests never leave the machine: refused a request to ${new URL(url).origin}`));
  return realFetch(input, init);
};
