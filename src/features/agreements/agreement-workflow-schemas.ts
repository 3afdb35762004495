// The forms of an agreement's status panel: sending the working copy (an optional note
// to the partners on what changed) and giving notice (a reason, required). Field names
// are the inputs' ids; messages are locale keys (agreement-workflow.json).
import { z } from 'zod';
import { parseForm } from '../../validation/form.js';
import { optionalText, requiredText } from '../../validation/fields.js';
import { maxLengths } from '../../validation/limits.js';

export const WORKFLOW_LIMITS = { note: 2000, reason: 2000 } as const;

export const sendSchema = z.object({ sendNote: optionalText(WORKFLOW_LIMITS.note) });
export const terminateSchema = z.object({
  terminationReason: requiredText(WORKFLOW_LIMITS.reason, 'agreementWorkflow.errors.reasonRequired'),
});

export const parseSendForm = (body: unknown) => parseForm(sendSchema, body);
export const parseTerminateForm = (body: unknown) => parseForm(terminateSchema, body);

/** The maxlength of each panel field, for the views. */
export const workflowLimits = () => ({ ...maxLengths(sendSchema), ...maxLengths(terminateSchema) });

/** A version number in a path or query: a plain positive integer, else null. */
export function parseVersionNumber(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,5}$/.test(value)) return null;
  return Number(value);
}
