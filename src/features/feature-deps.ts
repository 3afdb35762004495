// What a feature's routes may use. Passed in by createApp (the composition root);
// features import no globals.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Mailer } from '../mail/mailer.js';
import type { AccessControl } from '../middleware/access-control.js';
import type { SettingsService } from './municipality/settings-service.js';

export interface FeatureDeps {
  prisma: PrismaClient;
  access: AccessControl;
  audit: AuditLog;
  mailer: Mailer;
  clock: Clock;
  config: Config;
  logger: Logger;
  settings: SettingsService;
}
