// GET/POST /administration/sletning: an admin erases a person on request. The address
// travels in the form body only (an address in a URL would end up in logs). The first
// post shows what would be erased (or why not); the form on that page posts again with
// step=erase, which erases and shows the counts.
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import { changeContext } from '../../audit/audit-log.js';
import { keepValues, parseForm, type FieldError } from '../../validation/form.js';
import { maxLengths } from '../../validation/limits.js';
import { erasureSchema } from './data-rights-schemas.js';
import type { DataRightsService, ErasurePreviewOutcome } from './data-rights-service.js';

export interface ErasureDeps {
  clock: Clock;
  dataRights: DataRightsService;
}

export function createErasureController(deps: ErasureDeps) {
  const breadcrumbs = (req: Request) => [
    { href: '/', label: req.t('nav.home') },
    { href: '/administration', label: req.t('dataRights.erasure.administration') },
    { label: req.t('dataRights.erasure.title') },
  ];

  const renderForm = (req: Request, res: Response, status: number, errors: FieldError[] = []) => {
    res.status(status).render('data-rights/erasure', {
      title: req.t('dataRights.erasure.title'),
      breadcrumbs: breadcrumbs(req),
      limits: maxLengths(erasureSchema),
      errors,
      values: keepValues(req.body, ['_csrf', 'step']),
    });
  };

  const renderPreview = (req: Request, res: Response, status: number, email: string, outcome: ErasurePreviewOutcome) => {
    res.status(status).render('data-rights/erasure-preview', {
      title: req.t('dataRights.erasure.previewTitle'),
      breadcrumbs: breadcrumbs(req),
      email,
      outcome,
    });
  };

  const show: RequestHandler = (req, res) => renderForm(req, res, 200);

  const submit: RequestHandler = async (req, res) => {
    const form = parseForm(erasureSchema, req.body);
    if (!form.ok) return renderForm(req, res, 422, form.errors);
    const { email, step } = form.data;
    if (step === 'preview') return renderPreview(req, res, 200, email, await deps.dataRights.erasurePreview(email));
    const outcome = await deps.dataRights.erase(email, changeContext(req, deps.clock.now()));
    if (!outcome.ok) {
      // Changed since the preview (a membership, a role): show why, nothing erased.
      return renderPreview(req, res, 409, email, await deps.dataRights.erasurePreview(email));
    }
    req.log?.info({ interests: outcome.interests, account: outcome.account }, 'person erased');
    res.render('data-rights/erasure-done', {
      title: req.t('dataRights.erasure.doneTitle'),
      breadcrumbs: breadcrumbs(req),
      interests: outcome.interests,
      account: outcome.account,
    });
  };

  return { show, submit };
}
