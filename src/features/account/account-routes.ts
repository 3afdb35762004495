// "Min side": the logged-in user's own page, with the associations they belong to.
import express, { type Router } from 'express';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { AccessControl } from '../../access/access-control.js';

export function accountRoutes(deps: { prisma: PrismaClient; access: AccessControl }): Router {
  const router = express.Router();
  router.get('/min-side', deps.access.requireLogin, async (req, res) => {
    const user = req.user!; // requireLogin guarantees it
    const associations = await deps.prisma.association.findMany({
      where: { id: { in: user.associationIds } },
      orderBy: { name: 'asc' },
      select: {
        id: true,
        name: true,
        status: true,
        _count: { select: { openings: true } },
      },
    });
    res.render('account/index', { title: req.t('account.title'), associations });
  });
  return router;
}
