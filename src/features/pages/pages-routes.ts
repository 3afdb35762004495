// Fixed information pages linked from every footer: the accessibility statement
// (required for Danish public sites) and the privacy notice.
import express, { type Router } from 'express';

export function pagesRoutes(): Router {
  const router = express.Router();
  router.get('/tilgaengelighed', (req, res) => {
    res.render('pages/accessibility', { title: req.t('pages.accessibility.title') });
  });
  router.get('/privatliv', (req, res) => {
    res.render('pages/privacy', { title: req.t('pages.privacy.title') });
  });
  return router;
}
