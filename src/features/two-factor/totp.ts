// TOTP (RFC 6238) over otplib 13's functional API: 6 digits, 30-second steps, SHA-1 —
// what every authenticator app reads from the QR code. Time comes from the portal's
// Clock (so tests control it); one step of drift either way is accepted; a step
// once accepted (users.totp_last_step) is not accepted again, so a code that was
// seen over a shoulder or in a log cannot be replayed.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  // 20 random bytes (160 bits, RFC 4226's recommendation), Base32.
  return generateSecret();
}

const epochOf = (now: Date) => Math.floor(now.getTime() / 1000);

/** The code an authenticator app shows at `now` (for the demo script and tests). */
export function totpCode(secret: string, now: Date): string {
  return generateSync({ secret, epoch: epochOf(now) });
}

/** Only six digits are ever checked; anything else is not a code. */
export function normaliseTotpCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/**
 * The time step the code belongs to, if it is right at `now` (± one step) and later
 * than `afterStep` (the last accepted one); otherwise null.
 */
export function verifyTotp(secret: string, code: string, now: Date, afterStep: number | null): number | null {
  const token = normaliseTotpCode(code);
  if (!token) return null;
  try {
    const result = verifySync({
      secret,
      token,
      epoch: epochOf(now),
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(afterStep === null ? {} : { afterTimeStep: afterStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    // A malformed secret (never ours) or token: not a valid code.
    return null;
  }
}

/** The otpauth:// address the QR code holds; the issuer is the portal's name. */
export function totpUri(options: { issuer: string; account: string; secret: string }): string {
  return generateURI({ issuer: options.issuer, label: options.account, secret: options.secret });
}

/** A QR code for the view to draw as inline SVG: its size and the path of its dark modules. */
export interface QrCodeDrawing {
  size: number;
  path: string;
}

/**
 * The QR code, drawn here (no outside service ever sees the secret). qrcode's SVG is
 * taken apart into its size and path, so the view writes the <svg> itself with
 * escaped output — with role="img" and an accessible name (views/two-factor/qr-code.ejs)
 * — and no raw HTML reaches the page (tests/views/output-encoding.test.ts).
 */
export async function qrCode(uri: string): Promise<QrCodeDrawing> {
  // Loaded on first use: only setting up two-factor login draws one (~10 MB of memory).
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1];
  if (!Number.isInteger(size) || !path) throw new Error('qrcode: unexpected SVG');
  return { size, path };
}

/** The secret in groups of four, for typing it into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}
