// /administration/log (the audit log viewer), /administration/log.csv (its download)
// and /administration/log/:id (one row in full). Admins only: the log says who did
// what to whose data.
import express, { type Router } from 'express';
import type { AccessControl } from '../../access/access-control.js';
import type { AuditLogService } from './audit-log-service.js';
import { AUDIT_CSV_PATH, AUDIT_LOG_PATH, createAuditLogController } from './audit-log-controller.js';

export function auditLogRoutes(deps: { access: AccessControl; services: { auditLog: AuditLogService } }): Router {
  const controller = createAuditLogController({ auditLog: deps.services.auditLog });
  const router = express.Router();
  router.get(AUDIT_LOG_PATH, deps.access.requireAdmin, controller.index);
  router.get(AUDIT_CSV_PATH, deps.access.requireAdmin, controller.csv);
  router.get(`${AUDIT_LOG_PATH}/:id`, deps.access.requireAdmin, controller.entry);
  return router;
}
