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
  // Like the other admin pages: the trail starts at Administration.
  const breadcrumbs = (req: Request) => [
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
    // What the page is about: a refusal, nothing to erase, or what will be erased.
    const nothing = outcome.ok && outcome.preview.interests === 0 && outcome.preview.alerts === 0 && !outcome.preview.account;
    const heading = !outcome.ok
      ? req.t('dataRights.erasure.refusedHeading')
      : nothing
        ? req.t('dataRights.erasure.nothingHeading')
        : req.t('dataRights.erasure.previewHeading');
    res.status(status).render('data-rights/erasure-preview', {
      title: heading,
      heading,
      nothing,
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
    req.log?.info({ interests: outcome.interests, alerts: outcome.alerts, account: outcome.account }, 'person erased');
    res.render('data-rights/erasure-done', {
      title: req.t('dataRights.erasure.doneTitle'),
      breadcrumbs: breadcrumbs(req),
      interests: outcome.interests,
      alerts: outcome.alerts,
      account: outcome.account,
    });
  };

  return { show, submit };
}
