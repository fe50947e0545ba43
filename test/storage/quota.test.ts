import { afterEach, describe, expect, it, vi } from 'vitest';
import { estimateStorage, requestPersistence } from '../../src/storage/quota.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('storage quota', () => {
  it('reports null where there is no navigator.storage', async () => {
    vi.stubGlobal('navigator', {});
    expect(await estimateStorage()).toBeNull();
    expect(await requestPersistence()).toBeNull();
  });

  it('reports usage and quota from navigator.storage.estimate', async () => {
    vi.stubGlobal('navigator', {
      storage: { estimate: async () => ({ usage: 1_500, quota: 10_000, usageDetails: {} }) },
    });
    expect(await estimateStorage()).toEqual({ usage: 1_500, quota: 10_000 });
  });

  it('asks for persistence only when not already persisted', async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist } });
    expect(await requestPersistence()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);

    const persistAgain = vi.fn(async () => false);
    vi.stubGlobal('navigator', { storage: { persisted: async () => true, persist: persistAgain } });
    expect(await requestPersistence()).toBe(true);
    expect(persistAgain).not.toHaveBeenCalled();
  });

  it('reports null in a worker, where persist() does not exist', async () => {
    vi.stubGlobal('navigator', {
      storage: { estimate: async () => ({ usage: 0, quota: 1 }), persisted: async () => false },
    });
    expect(await requestPersistence()).toBeNull();
  });

  it('reports a refusal as false', async () => {
    vi.stubGlobal('navigator', { storage: { persisted: async () => false, persist: async () => false } });
    expect(await requestPersistence()).toBe(false);
  });
});
