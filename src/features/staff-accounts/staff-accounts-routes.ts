// Staff and admin accounts. Who may do what:
//   /administration/brugere[/…]          admins
//   /medarbejder-invitation/:token       anyone with the e-mailed link
// A non-numeric :userId or :invitationId is a 404 (requireId in the controller).
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import { createStaffAccountController, USERS_PATH, type StaffAccountControllerDeps } from './staff-accounts-controller.js';

export function staffAccountRoutes(deps: StaffAccountControllerDeps & { access: AccessControl }): Router {
  const controller = createStaffAccountController(deps);
  const admin = deps.access.requireAdmin;
  const router = express.Router();

  router.get(USERS_PATH, admin, controller.index);
  router.post(`${USERS_PATH}/inviter`, admin, controller.invite);
  router.post(`${USERS_PATH}/invitationer/:invitationId/traek-tilbage`, admin, controller.revokeInvitation);
  router.get(`${USERS_PATH}/:userId`, admin, controller.show);
  router.post(`${USERS_PATH}/:userId/rolle`, admin, controller.changeRole);
  router.post(`${USERS_PATH}/:userId/deaktiver`, admin, controller.deactivate);
  router.post(`${USERS_PATH}/:userId/genaktiver`, admin, controller.reactivate);

  router.get('/medarbejder-invitation/:token', controller.showInvitation);
  router.post('/medarbejder-invitation/:token', controller.acceptInvitation);
  return router;
}
