import { SOURCES, type Source } from '@ivy/core';
import { monthKey, monthKeyToDate, utc } from './calendar';
import type { SourceTally } from './generate-people';
import type { Rng } from './rng';

export type SourceCostRow = { id: string; source: Source; month: string; amount_gbp: number; created_at: number };

/**
 * Spend per source and month in GBP. Fixed parts (subscriptions, retainers, stands) scale with the size of the
 * demo institution, `scale` = people / 10,000, so cost per enquiry stays realistic at any size; variable parts follow
 * the enquiries each source actually brought.
 */
const COST_MODEL: Record<Source, { fixed: number; perEnquiry: number; noise: number }> = {
  // UCAS: a fixed subscription/capitation fee, spread evenly.
  ucas: { fixed: 750, perEnquiry: 0, noise: 0 },
  // SEO retainer plus content.
  organic_search: { fixed: 1800, perEnquiry: 1.5, noise: 0.1 },
  // Ambassador vouchers.
  referral: { fixed: 0, perEnquiry: 15, noise: 0.1 },
  // Always-on paid social at roughly £30 per lead.
  paid_social: { fixed: 250, perEnquiry: 32, noise: 0.15 },
  // Open-day and fair costs (stands and travel added in open-day months below).
  event: { fixed: 150, perEnquiry: 22, noise: 0.12 },
  // Agents: commission per enrolled student (added below) and small marketing fees.
  agent: { fixed: 0, perEnquiry: 4, noise: 0.05 },
  direct: { fixed: 0, perEnquiry: 0, noise: 0 },
  unknown: { fixed: 0, perEnquiry: 0, noise: 0 },
};

const OPEN_DAY_MONTHS = new Set([5, 6, 8, 9, 10]);
const OPEN_DAY_STANDS = 600;
const AGENT_COMMISSION = 2200;

export function buildSourceCosts(
  rng: Rng,
  tally: SourceTally,
  fromTime: number,
  asOf: number,
  people: number,
): SourceCostRow[] {
  const scale = Math.max(0.05, people / 10_000);
  const first = monthKey(fromTime);
  const last = monthKey(asOf - 1);
  const rows: SourceCostRow[] = [];
  for (let key = first; key <= last; key++) {
    const createdAt = Math.min(utc(Math.floor((key + 1) / 12), (key + 1) % 12, 1, 6), asOf);
    for (const source of SOURCES) {
      const model = COST_MODEL[source];
      const enquiries = tally.enquiries.get(source)?.get(key) ?? 0;
      let amount = model.fixed * scale + model.perEnquiry * enquiries;
      if (source === 'event' && OPEN_DAY_MONTHS.has(key % 12)) amount += OPEN_DAY_STANDS * scale;
      if (source === 'agent') amount += AGENT_COMMISSION * (tally.agentEnrolments.get(key) ?? 0);
      amount *= 1 + model.noise * (2 * rng.float() - 1);
      rows.push({
        id: rng.uuid(),
        source,
        month: monthKeyToDate(key),
        amount_gbp: Math.round(amount * 100) / 100,
        created_at: createdAt,
      });
    }
  }
  return rows;
}
