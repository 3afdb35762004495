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

/**
 * passport on every request: the user restored from the session, if there is one.
 * passport's initialize() gives every request the same eight properties (req.logIn,
 * req.logOut, req.isAuthenticated, its session manager…), which cost more per request
 * than the rest of a static page's session work: they are put once on the app's
 * request prototype instead (`app.request`, which Express makes every request inherit
 * from), taken from one run of initialize() itself so they cannot drift from it.
 */
export function authentication(instance: PassportInstance, requestPrototype: object): RequestHandler[] {
  const template: Record<string, unknown> = {};
  // initialize() only assigns to the request and calls next: the casts give it an object to assign to.
  instance.initialize()(template as never, {} as never, () => undefined);
  Object.assign(requestPrototype, template);
  const restore = instance.session();
  // No session yet (a request without the session cookie, session.ts): nobody to restore.
  const restoreIfAny: RequestHandler = (req, res, next) => (sessionPending(req) ? next() : restore(req, res, next));
  return [restoreIfAny];
}
