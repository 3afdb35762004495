// The citizen's withdrawal link. The token is the shared secret link token
// (src/security/secret-token.ts): only its SHA-256 is stored.
export function withdrawalUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/interesse/tilbagetraek/${token}`;
}
