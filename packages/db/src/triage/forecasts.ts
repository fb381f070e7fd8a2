import type { LeadForecast } from '@ivy/core';
import { sql } from 'drizzle-orm';
import type { Tx } from '../client';

/** Stores forecasts (`"persist": true`), each naming the configuration version that produced it. */
export async function storeForecasts(
  db: Tx,
  forecasts: readonly ({ person_id: string } & LeadForecast)[],
  { configVersion, now }: { configVersion: number; now: Date },
): Promise<void> {
  if (forecasts.length === 0) return;
  const payload = forecasts.map(({ person_id, probability, eta_days, confidence, drivers, risks }) => ({
    person_id,
    probability,
    eta_days,
    confidence,
    drivers,
    risks,
  }));
  await db.execute(sql`
    insert into lead_forecasts (person_id, probability, eta_days, confidence, drivers, risks, config_version, created_at)
    select person_id, probability, eta_days, confidence, drivers, risks, ${configVersion}, ${now}
    from json_to_recordset(${JSON.stringify(payload)}::json)
      as t(person_id uuid, probability float8, eta_days int, confidence float8, drivers jsonb, risks jsonb)`);
}
