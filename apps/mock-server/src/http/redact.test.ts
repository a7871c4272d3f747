import { describe, expect, it } from 'vitest';
import { redactLine } from './redact.js';

describe('redactLine', () => {
  it('redacts every query value of every URL in a line, keeping the names', () => {
    expect(
      redactLine(
        'webhook: https://hooks.example.com/in?apikey=s3cr3t&x=1 answered 200; see http://a/b?token=abc.def',
      ),
    ).toBe(
      'webhook: https://hooks.example.com/in?apikey=[redacted]&x=[redacted] answered 200; see http://a/b?token=[redacted]',
    );
  });

  it('leaves lines without a query alone', () => {
    expect(redactLine('GET /inbox/tickets 201 1.2ms')).toBe('GET /inbox/tickets 201 1.2ms');
  });
});
