// Configuration, read once from the environment and validated. In production a
// missing secret stops the boot (fail fast); in development and tests there are safe
// defaults so `npm start` works on a fresh clone. Every variable is documented in
// README.md ("Configuration").
import { hkdfSync } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.js';
import type { SupervisionOptions } from './db/supervised-postgres.js';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  EMBEDDED_PG_DIR: z.string().default('.data/postgres'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Supervision of the embedded server (src/db/supervised-postgres.ts): how often its
  // process is checked, the first delay before a restart (doubling up to the cap), and
  // the attempts before giving up. The defaults give up after about a minute.
  EMBEDDED_PG_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  EMBEDDED_PG_RESTART_DELAY_MS: z.coerce.number().int().min(10).default(500),
  EMBEDDED_PG_RESTART_MAX_DELAY_MS: z.coerce.number().int().min(10).default(10000),
  EMBEDDED_PG_RESTART_ATTEMPTS: z.coerce.number().int().min(1).default(10),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DB_CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  SESSION_SECRET: z.string().min(32).optional(),
  TOTP_SECRET_KEY: z.string().min(32).optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(12),
  COOKIE_SECURE: booleanFromEnv.optional(),
  // Express reads a string as addresses or subnets ("1" would be the address 1, and trust
  // no proxy): a hop count must reach it as a number, true/false as booleans.
  TRUST_PROXY: z
    .string()
    .trim()
    .min(1)
    .transform((value): boolean | number | string => {
      if (/^\d+$/.test(value)) return Number(value);
      if (value === 'true' || value === 'false') return value === 'true';
      return value;
    })
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  SEED_DEMO_DATA: booleanFromEnv.optional(),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  LOGIN_RATE_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Frivilligportalen <noreply@example.org>'),
  MAIL_DIR: z.string().default('.data/mail'),
  INTEREST_RATE_LIMIT: z.coerce.number().int().min(1).default(5),
  JOBS_ENABLED: booleanFromEnv.optional(),
});

export type Environment = 'development' | 'production' | 'test';

export interface Config {
  env: Environment;
  port: number;
  baseUrl: string;
  /** BASE_URL was not set: links in e-mails and feeds point at localhost (fine for development only). */
  baseUrlIsDefault: boolean;
  /** Undefined means: start the embedded PostgreSQL (development, demo, tests). */
  databaseUrl: string | undefined;
  embeddedPostgres: { dataDir: string; port: number; supervision: SupervisionOptions };
  database: { poolMax: number; connectionTimeoutMs: number; statementTimeoutMs: number };
  session: { secret: string; idleMinutes: number; absoluteHours: number; cookieSecure: boolean };
  /** The 256-bit key that encrypts two-factor secrets at rest (src/security/secret-box.ts). */
  secretKey: Buffer;
  /** Express's `trust proxy`: a hop count, true/false, or addresses/subnets/names. */
  trustProxy: boolean | number | string | undefined;
  logLevel: string;
  seedDemoData: boolean;
  loginRateLimit: { max: number; windowMinutes: number };
  mail: { from: string; smtpUrl: string | undefined; directory: string };
  /** Show-interest submissions allowed per address per hour (anti-spam). */
  interestRateLimit: number;
  /** Run scheduled jobs (retention) in this process. */
  jobsEnabled: boolean;
}

// Used only outside production, so a fresh clone runs without set-up. Production
// refuses to start without SESSION_SECRET.
const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-do-not-use-in-production';

/**
 * The key for secrets stored encrypted (the TOTP secrets): from TOTP_SECRET_KEY, or else
 * from SESSION_SECRET. HKDF with a label of its own, so the key is never the session
 * secret itself. Without TOTP_SECRET_KEY, rotating SESSION_SECRET makes the stored
 * secrets unreadable: staff must then enrol again (README, "Configuration").
 */
export function deriveSecretKey(material: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'frivillig-portal', 'totp-secret-box v1', 32));
}

/** config.secretKey from the environment alone, for tools that need nothing else (the demo seed). */
export function secretKeyFromEnvironment(env: NodeJS.ProcessEnv = process.env): Buffer {
  return deriveSecretKey(env.TOTP_SECRET_KEY || env.SESSION_SECRET || DEVELOPMENT_SESSION_SECRET);
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET (at least 32 characters) is required in production.');
  }
  if (production && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required in production (the embedded PostgreSQL is for development).');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    baseUrl: e.BASE_URL ?? `http://localhost:${e.PORT}`,
    baseUrlIsDefault: e.BASE_URL === undefined,
    databaseUrl: e.DATABASE_URL,
    embeddedPostgres: {
      dataDir: path.resolve(projectRoot, e.EMBEDDED_PG_DIR),
      port: e.EMBEDDED_PG_PORT,
      supervision: {
        checkIntervalMs: e.EMBEDDED_PG_CHECK_INTERVAL_MS,
        initialDelayMs: e.EMBEDDED_PG_RESTART_DELAY_MS,
        maxDelayMs: Math.max(e.EMBEDDED_PG_RESTART_MAX_DELAY_MS, e.EMBEDDED_PG_RESTART_DELAY_MS),
        maxAttempts: e.EMBEDDED_PG_RESTART_ATTEMPTS,
      },
    },
    database: {
      poolMax: e.DB_POOL_MAX,
      connectionTimeoutMs: e.DB_CONNECTION_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    },
    session: {
      secret: e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      idleMinutes: e.SESSION_IDLE_MINUTES,
      absoluteHours: e.SESSION_ABSOLUTE_HOURS,
      cookieSecure: e.COOKIE_SECURE ?? production,
    },
    secretKey: deriveSecretKey(e.TOTP_SECRET_KEY ?? e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET),
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    seedDemoData: e.SEED_DEMO_DATA ?? !production,
    loginRateLimit: { max: e.LOGIN_RATE_LIMIT, windowMinutes: e.LOGIN_RATE_WINDOW_MINUTES },
    mail: { from: e.MAIL_FROM, smtpUrl: e.SMTP_URL, directory: path.resolve(projectRoot, e.MAIL_DIR) },
    interestRateLimit: e.INTEREST_RATE_LIMIT,
    jobsEnabled: e.JOBS_ENABLED ?? e.NODE_ENV !== 'test',
  };
}
