// The longest text each form field accepts, read from the form's zod schema, so a
// field's maxlength attribute and the server's check are one number. Controllers
// pass `limits: maxLengths(schema)` to the view; the text-input and textarea
// partials give the field with that name its maxlength (views/partials/*.ejs).
import type { z } from 'zod';

/** Wrappers that only add optionality, defaults or the like around one inner schema. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional']);

/** The schema inside such wrappers. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  const def = schema._zod.def;
  return WRAPPERS.has(def.type) ? unwrap((def as z.core.$ZodOptionalDef).innerType) : schema;
}

/** A field's longest accepted text, or null if its schema sets none. */
function maxLengthOf(wrapped: z.core.$ZodType): number | null {
  const schema = unwrap(wrapped);
  const def = schema._zod.def;
  switch (def.type) {
    case 'string': {
      // zod 4's ZodString reports its tightest .max() as maxLength (null if none).
      const { maxLength } = schema as z.ZodString;
      return typeof maxLength === 'number' && Number.isFinite(maxLength) ? maxLength : null;
    }
    case 'pipe': {
      // .transform(), .pipe() and z.preprocess(): the text is checked on the way in,
      // or (after a preprocess step) by the schema it is handed to.
      const { in: input, out } = def as z.core.$ZodPipeDef;
      return maxLengthOf(input) ?? maxLengthOf(out);
    }
    default:
      return null;
  }
}

/** The object schema inside wrappers such as .transform() or .optional(). */
function shapeOf(wrapped: z.core.$ZodType): Record<string, z.core.$ZodType> {
  const def = unwrap(wrapped)._zod.def;
  switch (def.type) {
    case 'object':
      return (def as z.core.$ZodObjectDef).shape;
    case 'pipe':
      return shapeOf((def as z.core.$ZodPipeDef).in);
    default:
      throw new TypeError(`maxLengths needs an object schema, not ${def.type}`);
  }
}

/** Field name → longest accepted length, for the text fields of a form's object schema. */
export function maxLengths(schema: z.core.$ZodType): Record<string, number> {
  const limits: Record<string, number> = {};
  for (const [field, fieldSchema] of Object.entries(shapeOf(schema))) {
    const max = maxLengthOf(fieldSchema);
    if (max !== null) limits[field] = max;
  }
  return limits;
}
