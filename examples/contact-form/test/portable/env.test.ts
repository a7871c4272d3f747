import { describe, expect, it } from 'vitest';
import { readPortableEnv } from './env.js';

describe('the portable suite configuration', () => {
  it('runs on the mock when SOCIALHUB_URL is unset', () => {
    expect(readPortableEnv({ SOCIALHUB_USER_TOKEN: 'user-token-value' })).toBeUndefined();
  });

  it('names the missing variables, never a value', () => {
    const env = { SOCIALHUB_URL: 'https://api.socialhub.io', SOCIALHUB_USER_TOKEN: 'secret-u' };
    expect(() => readPortableEnv(env)).toThrow(
      'SOCIALHUB_API2_URL, SOCIALHUB_CHANNEL_TOKEN, CONTACT_FORM_PUBLIC_URL',
    );
    expect(() => readPortableEnv(env)).not.toThrow('secret-u');
  });

  it('reads a complete configuration', () => {
    expect(
      readPortableEnv({
        SOCIALHUB_URL: 'https://api.socialhub.io',
        SOCIALHUB_API2_URL: 'https://app.socialhub.io/api2',
        SOCIALHUB_USER_TOKEN: 'u',
        SOCIALHUB_CHANNEL_TOKEN: 'c',
        CONTACT_FORM_PUBLIC_URL: 'https://form.example.com',
        CONTACT_FORM_PORT: '4100',
      }),
    ).toEqual({
      socialHubUrl: 'https://api.socialhub.io',
      api2Url: 'https://app.socialhub.io/api2',
      userToken: 'u',
      channelToken: 'c',
      publicUrl: 'https://form.example.com',
      port: 4100,
    });
    expect(() =>
      readPortableEnv({
        SOCIALHUB_URL: 'https://api.socialhub.io',
        SOCIALHUB_API2_URL: 'https://app.socialhub.io/api2',
        SOCIALHUB_USER_TOKEN: 'u',
        SOCIALHUB_CHANNEL_TOKEN: 'c',
        CONTACT_FORM_PUBLIC_URL: 'https://form.example.com',
        CONTACT_FORM_PORT: 'x',
      }),
    ).toThrow('CONTACT_FORM_PORT must be a port number');
  });
});
