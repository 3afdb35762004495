// How long an invitation to join an association stays valid. The token itself is the
// shared secret link token (src/security/secret-token.ts).
export const INVITATION_VALID_DAYS = 7;
