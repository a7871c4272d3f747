import { describe, expect, it } from 'vitest';
import { createIdGenerator } from '../state/ids.js';
import { applyFault, createFaultRegistry } from './faults.js';

describe('the fault registry', () => {
  it('matches by method and path pattern, counts uses, and removes spent faults', () => {
    const faults = createFaultRegistry(createIdGenerator(1));
    faults.add({ method: 'POST', path: '/inbox/tickets/{id}/reset/*', status: 500, times: 1 });
    faults.add({ path: '/api2/*', latencyMs: 5 });
    expect(faults.take('GET', '/inbox/tickets/abc/reset/x')).toBeUndefined();
    expect(faults.take('POST', '/inbox/tickets/abc/def/reset/x')).toBeUndefined();
    expect(faults.take('POST', '/inbox/tickets/abc/reset/x/y')?.status).toBe(500);
    expect(faults.count).toBe(1);
    expect(faults.take('DELETE', '/api2/channels/1')?.latencyMs).toBe(5);
    expect(faults.take('GET', '/api')).toBeUndefined();
  });

  it('treats regular-expression characters in a path literally', () => {
    const faults = createFaultRegistry(createIdGenerator(1));
    faults.add({ path: '/a.b(c)', status: 503 });
    expect(faults.take('GET', '/aXb(c)')).toBeUndefined();
    expect(faults.take('GET', '/a.b(c)')?.status).toBe(503);
  });

  it('applyFault waits the latency and answers the status with a default body', async () => {
    const faults = createFaultRegistry(createIdGenerator(1));
    expect(await applyFault(faults, 'GET', '/')).toBeUndefined();
    faults.add({ path: '/', status: 429, latencyMs: 30 });
    const started = performance.now();
    const answer = await applyFault(faults, 'GET', '/');
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect(answer).toEqual({
      status: 429,
      body: { code: 'InjectedFault', message: 'Error: Injected fault 429' },
      headers: { 'retry-after': '1' },
    });
    expect(faults.remove(faults.list()[0]?.id ?? '')).toBe(true);
    expect(faults.count).toBe(0);
  });
});
