// The import's confirm form: only the hash of the preview it confirms (the rows
// themselves wait in the session, plan-report-controller.ts). The file's rows are
// checked by plan-import.ts, cell by cell.
import { z } from 'zod';

export const confirmImportSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, { error: 'planReports.import.errors.expired' }),
});
