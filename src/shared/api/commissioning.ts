// A commissioning plan's settings: what the site's back office requires of a charger (the configuration
// baseline), who may charge when it is unreachable, the installer's test card, how long the test session
// runs, and what power is plausible. Built-in templates, or a user's saved as JSON.
import { z } from 'zod';

export const offlinePolicies = ['noCharging', 'localListOnly', 'knownCards', 'anyCard'] as const;
export type OfflinePolicy = (typeof offlinePolicies)[number];

export const offlinePolicyWords: Record<OfflinePolicy, string> = {
  noCharging: 'nobody can charge while the back office is unreachable',
  localListOnly: 'only cards in the local list can charge while the back office is unreachable',
  knownCards: 'cards in the local list or the cache (cards seen before) can charge while the back office is unreachable',
  anyCard: 'any card can charge while the back office is unreachable',
};

export const CommissioningTemplate = z.strictObject({
  name: z.string().min(1).max(80),
  /** Configuration keys and the values the site requires. */
  keys: z.record(z.string().min(1).max(50), z.string().max(500)).default({}),
  offlinePolicy: z.enum(offlinePolicies).default('knownCards'),
  /** The installer's test card, exactly as the charger must send it. */
  testIdTag: z.string().trim().min(1).max(20).default('COMMISSION-1'),
  /** How long the test session delivers meter values (s); shorter than 300 is allowed and noted. */
  sessionSeconds: z.int().min(10).max(3600).default(300),
  /** The least power (W) that counts as charging, and the charger's rating (W) it must stay under. */
  minPowerW: z.number().min(0).default(1000),
  ratedPowerW: z.number().min(1000).max(400_000).default(22_000),
  /** The largest clock difference (s) with this laptop that passes. */
  maxClockSkewS: z.int().min(0).max(3600).default(60),
});
export type CommissioningTemplate = z.infer<typeof CommissioningTemplate>;

export const builtInTemplates: CommissioningTemplate[] = [
  CommissioningTemplate.parse({
    name: 'Public AC (recommended)',
    keys: {
      HeartbeatInterval: '300',
      MeterValueSampleInterval: '60',
      MeterValuesSampledData: 'Energy.Active.Import.Register,Power.Active.Import',
      StopTransactionOnEVSideDisconnect: 'true',
      LocalAuthorizeOffline: 'true',
      AuthorizationCacheEnabled: 'true',
      AllowOfflineTxForUnknownId: 'false',
    },
    offlinePolicy: 'knownCards',
  }),
  CommissioningTemplate.parse({
    name: 'Private home charger',
    keys: { HeartbeatInterval: '900', MeterValueSampleInterval: '300', MeterValuesSampledData: 'Energy.Active.Import.Register', AllowOfflineTxForUnknownId: 'true' },
    offlinePolicy: 'anyCard',
  }),
];
