// "Min side": the logged-in user's own page, with the associations they belong to.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { AccountService } from './account-service.js';

export function accountRoutes(deps: { access: AccessControl; services: { account: AccountService } }): Router {
  const router = express.Router();
  router.get('/min-side', deps.access.requireLogin, async (req, res) => {
    const user = req.user!; // requireLogin guarantees it
    const associations = await deps.services.account.associations(user.associationIds);
    res.render('account/index', { title: req.t('account.title'), associations });
  });
  return router;
}
