// /interesse/tilbagetraek/:token — the citizen's own withdrawal. GET only shows what
// would be withdrawn and a button (mail scanners and link previews follow GET links;
// they must not delete anything). POST deletes the interest for good. An unknown,
// malformed or already used token gets the same neutral page, which tells nobody
// whether a token ever existed.
import { changeContext } from '../../audit/audit-log.js';
import type { Request, RequestHandler, Response } from 'express';
import type { Clock } from '../../clock.js';
import type { InterestService } from './interest-service.js';
import { isWellFormedSecretToken } from '../../security/secret-token.js';
import { protectSecretLink } from '../../middleware/secret-link-headers.js';

export function createWithdrawalController(deps: { clock: Clock; interests: InterestService }) {
  const nothingToWithdraw = (req: Request, res: Response) => {
    res.render('interests/withdraw-nothing', { title: req.t('interests.withdraw.nothing.title') });
  };

  const confirm: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = req.params.token;
    const interest = isWellFormedSecretToken(token) ? await deps.interests.findByToken(token) : null;
    if (!interest) {
      nothingToWithdraw(req, res);
      return;
    }
    res.render('interests/withdraw-confirm', {
      title: req.t('interests.withdraw.confirm.title'),
      interest,
      action: `/interesse/tilbagetraek/${token}`,
    });
  };

  const withdraw: RequestHandler = async (req, res) => {
    protectSecretLink(res);
    const token = req.params.token;
    if (!isWellFormedSecretToken(token)) {
      nothingToWithdraw(req, res);
      return;
    }
    const context = changeContext(req, deps.clock.now());
    const outcome = await deps.interests.withdraw(token, context);
    if (!outcome.ok) {
      nothingToWithdraw(req, res);
      return;
    }
    res.redirect(303, '/interesse/tilbagetrukket');
  };

  /** After the POST (post/redirect/get): a reload cannot post again. Holds no data. */
  const done: RequestHandler = (req, res) => {
    res.render('interests/withdraw-done', { title: req.t('interests.withdraw.done.title') });
  };

  return { confirm, withdraw, done };
}
