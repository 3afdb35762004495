// What a database error means for the caller, where the answer is part of the logic.
import { Prisma } from '../generated/prisma/client.js';

/** A unique constraint refused the row: someone else made the same thing first. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

// Prisma's codes for "the database cannot be reached or answer now": can't reach (P1001),
// timed out reaching (P1002), operation timed out (P1008), server closed the connection
// (P1017), timed out waiting for a pooled connection (P2024), too many connections (P2037).
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
// The driver adapter's kinds for the same (@prisma/adapter-pg convertDriverError).
const ADAPTER_UNAVAILABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// Node's socket errors, as pg raises them.
const SOCKET_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
// pg's own errors without a code; fixed texts, so matching them reads no data.
const PG_UNAVAILABLE_MESSAGE =
  /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

/**
 * SQLSTATEs of a server that is going away, starting or refusing: class 08 (connection
 * exception), 57P01 admin shutdown (also pg_terminate_backend), 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up or recovering), 53300 too many connections.
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

interface ErrorFields {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
  kind?: unknown;
  originalCode?: unknown;
}

/**
 * True when the error means the database is unreachable or not answering for now (a
 * restart, a network cut, an exhausted pool), not that the request or the code is
 * wrong: such a failure is a 503 with Retry-After, and the same request will succeed
 * later. Looks through Prisma's wrappers (`meta.driverAdapterError`, `cause`).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    const fields = current as ErrorFields;
    const code = typeof fields.code === 'string' ? fields.code : undefined;
    if (code && (PRISMA_UNAVAILABLE.has(code) || SOCKET_UNAVAILABLE.has(code))) return true;
    // SQLSTATEs are five characters; Prisma's own codes (P....) never match these classes.
    if (code && /^[0-9A-Z]{5}$/.test(code) && isUnavailableSqlState(code)) return true;
    if (typeof fields.kind === 'string' && ADAPTER_UNAVAILABLE.has(fields.kind)) return true;
    if (typeof fields.originalCode === 'string' && isUnavailableSqlState(fields.originalCode)) return true;
    if (!code && typeof fields.message === 'string' && PG_UNAVAILABLE_MESSAGE.test(fields.message)) return true;
    pending.push(fields.cause, fields.meta?.driverAdapterError);
  }
  return false;
}
