// The password of every test user that does not ask for another. The global set-up
// hashes it once per run (argon2id is deliberately slow) and hands the hash to the
// factories, so creating a user costs one INSERT.
export const TEST_PASSWORD = 'korrekt-hest-batteri-klammer';
