/** Issue 15.10: Prism's readiness limit grows with the description, or comes from the environment. */
import { describe, expect, it } from 'vitest';
import { UserError } from '../../scripts/lib/errors.ts';
import { readinessLimitMs } from '../../scripts/lib/prism.ts';

describe('readinessLimitMs', () => {
  it('is 60 s for a small description and grows 30 s per MiB', () => {
    expect(readinessLimitMs(10_000, {})).toBe(60_000 + Math.ceil((10_000 / 1048576) * 30_000));
    expect(readinessLimitMs(4 * 1048576, {})).toBe(180_000);
  });

  it('takes CHECKOUT_APIS_MOCK_READY_SECONDS when set, and refuses nonsense by name', () => {
    expect(readinessLimitMs(4 * 1048576, { CHECKOUT_APIS_MOCK_READY_SECONDS: '15' })).toBe(15_000);
    expect(() => readinessLimitMs(1, { CHECKOUT_APIS_MOCK_READY_SECONDS: 'soon' })).toThrow(UserError);
    expect(() => readinessLimitMs(1, { CHECKOUT_APIS_MOCK_READY_SECONDS: 'soon' })).toThrow(
      /CHECKOUT_APIS_MOCK_READY_SECONDS: expected a positive number/,
    );
  });
});
