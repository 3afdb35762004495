// What a feature's routes may use. Passed in by createApp (the composition root);
// features import no globals.
import type { PrismaClient } from '../generated/prisma/client.js';
import type { SecurityEvents } from '../audit/audit-log.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AccessControl } from '../access/access-control.js';
import type { Services } from '../services.js';
import type { Mailer } from '../mail/mailer.js';
import type { SettingsService } from './municipality/settings-service.js';

export interface FeatureDeps {
  prisma: PrismaClient;
  access: AccessControl;
  audit: SecurityEvents;
  services: Services;
  /** INTERIM: queues a message outside any transaction; services will queue mail in their own transactions. */
  mailer: Mailer;
  clock: Clock;
  config: Config;
  logger: Logger;
  settings: SettingsService;
}
