import { describe, expect, it } from 'vitest';
import { redactQuery } from '../src/cli/redact-url.js';
import { deliveredLine } from '../src/testing/delivery-log.js';

describe('URLs the CLI prints (check-webhook report, --log lines)', () => {
  it('redacts every query value and any credentials, and keeps the rest', () => {
    expect(redactQuery('http://127.0.0.1:3000/webhook')).toBe('http://127.0.0.1:3000/webhook');
    expect(redactQuery('https://x.example/hook?apikey=k-1&apikey=k-2&v=2#frag')).toBe(
      'https://x.example/hook?apikey=[redacted]&v=[redacted]',
    );
    expect(redactQuery('https://user:pass@x.example/hook?t=1')).toBe(
      'https://[redacted]@x.example/hook?t=[redacted]',
    );
    expect(redactQuery('not a url?token=abc')).toBe('not a url?[redacted]');
  });

  it('says what a successful delivery carried, where, and how it was answered', () => {
    const line = deliveredLine({
      id: 'd1',
      kind: 'events',
      channelId: 'c',
      manifestId: 'm',
      createdTime: new Date(0).toISOString(),
      request: { method: 'POST', url: 'http://h/webhook?apikey=s3cret', headers: {}, body: '' },
      attempts: [
        { time: '', durationMs: 5, response: { status: 503, headers: {}, body: '' } },
        {
          time: '',
          durationMs: 7,
          response: { status: 200, headers: {}, body: '' },
          isChallengeSolved: true,
        },
      ],
      outcome: 'delivered',
      events: { ticket_action: 2 },
    });
    expect(line).toBe(
      'webhook: delivery of 2 ticket_action events to http://h/webhook?apikey=[redacted] delivered (200 in 7 ms, attempt 2)',
    );
  });
});
