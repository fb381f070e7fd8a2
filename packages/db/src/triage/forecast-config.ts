import { DEFAULT_FORECAST_CONFIG, type ForecastConfig } from '@ivy/core';
import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import { forecastConfigs, users } from '../schema';

export type ActiveForecastConfig = { version: number; config: ForecastConfig };

/** The active rules-forecast configuration; core's defaults become version 1 the first time it is asked for. */
export async function activeForecastConfig(db: Tx): Promise<ActiveForecastConfig> {
  const read = () =>
    db
      .select({ version: forecastConfigs.version, config: forecastConfigs.config })
      .from(forecastConfigs)
      .where(eq(forecastConfigs.active, true));
  const [active] = await read();
  if (active) return active;
  await db.insert(forecastConfigs).values({ config: DEFAULT_FORECAST_CONFIG, active: true }).onConflictDoNothing();
  const [created] = await read();
  if (!created) throw new Error('no active forecast config after inserting the defaults');
  return created;
}

/** Makes a validated configuration the active version, auditing old and new in the same transaction. */
export async function saveForecastConfig(db: Tx, config: ForecastConfig, audit: AuditContext) {
  return db.transaction(async (tx) => {
    const current = await activeForecastConfig(tx);
    await tx.update(forecastConfigs).set({ active: false }).where(eq(forecastConfigs.version, current.version));
    const [created] = await tx
      .insert(forecastConfigs)
      .values({ config, active: true, created_by: audit.actor?.id ?? null })
      .returning({ version: forecastConfigs.version, config: forecastConfigs.config });
    if (!created) throw new Error('inserting the forecast config returned nothing');
    await appendAudit(tx, {
      ...audit,
      action: 'forecast.config.update',
      resourceType: 'system_config',
      resourceId: String(created.version),
      outcome: 'success',
      details: { old_version: current.version, new_version: created.version, old: current.config, new: config },
    });
    return created;
  });
}

/** Every configuration version, newest first, with who made it. */
export async function forecastConfigHistory(db: Tx, limit = 50) {
  return db
    .select({
      version: forecastConfigs.version,
      config: forecastConfigs.config,
      active: forecastConfigs.active,
      created_at: forecastConfigs.created_at,
      created_by_label: users.email,
    })
    .from(forecastConfigs)
    .leftJoin(users, eq(users.id, forecastConfigs.created_by))
    .orderBy(desc(forecastConfigs.version))
    .limit(limit);
}
