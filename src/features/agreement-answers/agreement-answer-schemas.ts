// The partner's answer form: one of three answers and a comment, which is required
// when the partner asks for changes or declines (staff must know what to change, or
// why). Messages are locale keys (src/i18n/locales/*/agreement-answers.json). The
// version the form was shown for is a hidden field read on its own (answerVersionNumber):
// a form without one was not made by us (400).
import { z } from 'zod';
import { AgreementAnswer } from '../../generated/prisma/enums.js';
import { HttpError } from '../../errors.js';
import { optionalText } from '../../validation/fields.js';

export const ANSWERS = Object.values(AgreementAnswer);
export const COMMENT_MAX = 4000;

export const answerFormSchema = z
  .object({
    answer: z.enum(AgreementAnswer, { error: 'agreementAnswers.errors.answerRequired' }),
    comment: optionalText(COMMENT_MAX),
  })
  .superRefine((form, ctx) => {
    if (form.answer !== 'ACCEPTED' && form.comment === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: form.answer === 'DECLINED' ? 'agreementAnswers.errors.reasonRequired' : 'agreementAnswers.errors.changesRequired',
      });
    }
  });

export type AnswerFormData = z.output<typeof answerFormSchema>;

const versionNumberField = z
  .string()
  .regex(/^[1-9]\d{0,8}$/)
  .transform(Number);

/** The version number the answer form was shown for (its hidden field). */
export function answerVersionNumber(body: unknown): number {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).versionNumber : undefined;
  const result = versionNumberField.safeParse(raw);
  if (!result.success) throw new HttpError(400);
  return result.data;
}
