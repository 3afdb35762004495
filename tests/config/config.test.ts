// The configuration read from the environment: what production refuses to start
// without, and whether BASE_URL was left at its development default (the start-up
// output warns about it in production).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATABASE_URL: 'postgres://localhost/portal' };

describe('configuration', () => {
  it('refuses to start production without a session secret or a database', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://localhost/portal' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrow(ConfigError);
  });

  it('knows when BASE_URL was left at its default', () => {
    const unset = loadConfig(PRODUCTION);
    expect(unset.baseUrl).toBe('http://localhost:3000');
    expect(unset.baseUrlIsDefault).toBe(true);
    const set = loadConfig({ ...PRODUCTION, BASE_URL: 'https://frivillig.kommune.example.org' });
    expect(set.baseUrl).toBe('https://frivillig.kommune.example.org');
    expect(set.baseUrlIsDefault).toBe(false);
  });
});
