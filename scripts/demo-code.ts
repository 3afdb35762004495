// `npm run demo:code`: the current second-factor code of the demo staff and admin
// logins (DEMO_TOTP_SECRET), for trying the portal without an authenticator app.
// Needs no database: the code depends only on the secret and the time.
import { DEMO_TOTP_SECRET } from '../src/db/seed/demo-data.js';
import { TOTP_PERIOD_SECONDS, totpCode } from '../src/features/two-factor/totp.js';

const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
console.log(`${totpCode(DEMO_TOTP_SECRET, now)}  (the demo staff and admin code; valid ${left} more seconds, and one step either side)`);
