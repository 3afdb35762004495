// passport with the local strategy (e-mail + password) and server-side sessions.
// passport ≥ 0.6 regenerates the session id at login (ASVS 7.2.4).
import type { Request, RequestHandler } from 'express';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AuthService } from '../features/auth/auth-service.js';
import { sessionPending } from './session.js';

// A private instance (not the global singleton), so every createApp is independent.
export type PassportInstance = InstanceType<typeof passport.Passport>;

export function createPassport(auth: AuthService): PassportInstance {
  const instance = new passport.Passport();
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password' }, (email, password, done) => {
      auth.verifyCredentials(email, password).then(
        (outcome) => done(null, outcome.ok ? outcome.user : false),
        (error: unknown) => done(error),
      );
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((req: Request, id: number, done: (error: unknown, user?: Express.User | false) => void) => {
    auth.loadSessionUser(id, req.session.authenticatedAt, req.session.secondFactorAt !== undefined).then(
      (user) => done(null, user ?? false),
      (error: unknown) => done(error),
    );
  });
  return instance;
}

export function authentication(instance: PassportInstance): RequestHandler[] {
  const restore = instance.session();
  // No session yet (a request without the session cookie, session.ts): nobody to restore.
  // initialize still runs: it gives the request req.logIn for a login from such a visitor.
  const restoreIfAny: RequestHandler = (req, res, next) => (sessionPending(req) ? next() : restore(req, res, next));
  return [instance.initialize(), restoreIfAny];
}
