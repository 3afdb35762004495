// /administration: the admins' index of the administration pages, one line each. The
// pages themselves live in their own features; this list is only the way in.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';

/** The administration pages, in the order the index lists them; texts under administration.pages.<key>. */
export const ADMINISTRATION_PAGES = [
  { key: 'users', href: '/administration/brugere' },
  { key: 'settings', href: '/administration/indstillinger' },
  { key: 'pages', href: '/administration/sider' },
  { key: 'vocabularies', href: '/administration/ordlister' },
  { key: 'retention', href: '/administration/opbevaring' },
  { key: 'log', href: '/administration/log' },
  { key: 'erasure', href: '/administration/sletning' },
  { key: 'agreementTemplate', href: '/medarbejder/aftaleskabelon' },
] as const;

export function administrationRoutes(deps: { access: AccessControl }): Router {
  const router = express.Router();
  router.get('/administration', deps.access.requireAdmin, (req, res) => {
    res.render('administration/index', {
      title: req.t('administration.title'),
      pages: ADMINISTRATION_PAGES,
    });
  });
  return router;
}
