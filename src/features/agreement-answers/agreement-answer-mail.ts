// The e-mail to the staff member who wrote an agreement when a partner answers it, in
// Danish (the municipality's working language). It names the partner, the answer and
// the version, and links to the agreement's staff page; the partner's comment stays in
// the portal (a mail is copied and forwarded beyond our reach), as the interest
// notifications keep citizens' messages in the portal.
import type { TFunction } from 'i18next';
import { danish, localisedMail } from '../../mail/compose.js';
import type { AnswerMail } from './agreement-answer-service.js';

export function answeredMail(t: TFunction, baseUrl: string): AnswerMail {
  const da = danish(t);
  return (facts) => {
    const who = facts.viaLink
      ? da('agreementAnswers.mail.answered.viaLink', { party: facts.partyName })
      : facts.answeredByName
        ? da('agreementAnswers.mail.answered.byMember', { party: facts.partyName, member: facts.answeredByName })
        : facts.partyName;
    return localisedMail(da, facts.to, 'agreementAnswers.mail.answered', {
      title: facts.agreement.title,
      version: facts.versionNumber,
      who,
      party: facts.partyName,
      answer: da(`agreementAnswers.answer.${facts.answer}`),
      accepted: facts.accepted ? da('agreementAnswers.mail.answered.allAccepted', { version: facts.versionNumber }) : '',
      url: `${baseUrl.replace(/\/+$/, '')}/medarbejder/samarbejdsaftaler/${facts.agreement.id}`,
    });
  };
}
