// The municipal staff's start page. Staff and admins only (the access-control test
// uses it as the example of a staff page).
import express, { type Router } from 'express';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AccessControl } from '../../access/access-control.js';

export function staffRoutes(deps: { prisma: PrismaClient; access: AccessControl }): Router {
  const router = express.Router();
  router.get('/medarbejder', deps.access.requireStaff, async (req, res) => {
    const [pending, approved, publishedOpenings] = await Promise.all([
      deps.prisma.association.findMany({
        where: { status: 'PENDING' },
        orderBy: { createdAt: 'asc' },
        select: { id: true, name: true, createdAt: true },
      }),
      deps.prisma.association.count({ where: { status: 'APPROVED' } }),
      deps.prisma.opening.count({ where: { status: 'PUBLISHED' } }),
    ]);
    res.render('staff/index', { title: req.t('staff.title'), pending, approved, publishedOpenings });
  });
  return router;
}
