import { describe, expect, it } from 'vitest';
import { checkTemplateVariables } from './template-variables.js';

const schemas = {
  firstName: { type: 'string', minLength: 2, maxLength: 5, pattern: '^[A-Z]' },
  count: { type: 'integer', minimum: 1, maximum: 3 },
  tone: { enum: ['formal', 'casual'] },
};

describe('checkTemplateVariables', () => {
  it('accepts values that satisfy every rule', () => {
    expect(() =>
      checkTemplateVariables(schemas, { firstName: 'Anna', count: 2, tone: 'casual' }),
    ).not.toThrow();
  });

  it.each([
    [{ count: 2, tone: 'casual' }, /missing/],
    [{ firstName: 'Anna', count: 2, tone: 'casual', extra: 1 }, /not defined/],
    [{ firstName: 'A', count: 2, tone: 'casual' }, /at least 2/],
    [{ firstName: 'Annabel', count: 2, tone: 'casual' }, /at most 5/],
    [{ firstName: 'anna', count: 2, tone: 'casual' }, /must match/],
    [{ firstName: 'Anna', count: 1.5, tone: 'casual' }, /integer/],
    [{ firstName: 'Anna', count: 4, tone: 'casual' }, /at most 3/],
    [{ firstName: 'Anna', count: '2', tone: 'casual' }, /number/],
    [{ firstName: 'Anna', count: 2, tone: 'rude' }, /one of/],
  ])('rejects %j', (values, message) => {
    expect(() => checkTemplateVariables(schemas, values)).toThrow(message);
  });

  it('ignores a broken pattern of the integration rather than failing the user', () => {
    expect(() =>
      checkTemplateVariables({ x: { type: 'string', pattern: '(' } }, { x: 'y' }),
    ).not.toThrow();
  });
});
