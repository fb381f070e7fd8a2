import { DEFAULT_FACTOR_WEIGHTS, type FactorWeights, type WeightDecision } from '@ivy/core';
import { desc, eq } from 'drizzle-orm';
import type { Tx } from '../client';
import { type AuditContext, appendAudit } from '../identity/audit';
import { leadScoringWeights, leadScoringWeightsAudit } from '../schema';

export type ActiveWeights = { version: number; weights: FactorWeights };

/**
 * The active factor weights. A new database has none until first asked: then core's defaults become version 1, so
 * the defaults live in one place (@ivy/core) and every stored score can still name its version.
 */
export async function activeScoringWeights(db: Tx): Promise<ActiveWeights> {
  const [active] = await db
    .select({ version: leadScoringWeights.version, weights: leadScoringWeights.weights })
    .from(leadScoringWeights)
    .where(eq(leadScoringWeights.active, true));
  if (active) return active;
  await db
    .insert(leadScoringWeights)
    .values({ weights: DEFAULT_FACTOR_WEIGHTS, active: true, reason: 'Default weights' })
    .onConflictDoNothing();
  const [created] = await db
    .select({ version: leadScoringWeights.version, weights: leadScoringWeights.weights })
    .from(leadScoringWeights)
    .where(eq(leadScoringWeights.active, true));
  if (!created) throw new Error('no active scoring weights after inserting the defaults');
  return created;
}

export type WeightsChange = {
  weights: FactorWeights;
  reason: string;
  decision: WeightDecision;
  /** For the optimiser: held-out AUCs and training size. */
  details?: Record<string, unknown>;
};

/**
 * Records a proposed change of the weights in the weights audit and, when adopted, makes it the active version —
 * in one transaction with the general audit log entry.
 */
export async function recordWeightsChange(db: Tx, change: WeightsChange, audit: AuditContext): Promise<ActiveWeights> {
  return db.transaction(async (tx) => {
    const current = await activeScoringWeights(tx);
    let result = current;
    if (change.decision === 'adopted') {
      await tx.update(leadScoringWeights).set({ active: false }).where(eq(leadScoringWeights.version, current.version));
      const [created] = await tx
        .insert(leadScoringWeights)
        .values({ weights: change.weights, active: true, reason: change.reason, created_by: audit.actor?.id ?? null })
        .returning({ version: leadScoringWeights.version, weights: leadScoringWeights.weights });
      if (!created) throw new Error('inserting scoring weights returned nothing');
      result = created;
    }
    await tx.insert(leadScoringWeightsAudit).values({
      occurred_at: audit.at,
      actor_user_id: audit.actor?.id ?? null,
      actor_label: audit.actor?.label ?? 'system',
      decision: change.decision,
      old_version: current.version,
      new_version: change.decision === 'adopted' ? result.version : null,
      old_weights: current.weights,
      new_weights: change.weights,
      reason: change.reason,
      details: change.details ?? {},
    });
    await appendAudit(tx, {
      ...audit,
      action: `triage.weights.${change.decision === 'adopted' ? 'adopt' : 'reject'}`,
      resourceType: 'system_config',
      resourceId: String(result.version),
      outcome: 'success',
      details: { old_version: current.version, new_version: result.version, ...change.details },
    });
    return result;
  });
}

/** The active weights with why and when they were set, and the audit of every change and proposal, newest first. */
export async function scoringWeightsOverview(db: Tx, historyLimit = 50) {
  const { version } = await activeScoringWeights(db);
  const [active] = await db
    .select({
      version: leadScoringWeights.version,
      weights: leadScoringWeights.weights,
      reason: leadScoringWeights.reason,
      created_at: leadScoringWeights.created_at,
    })
    .from(leadScoringWeights)
    .where(eq(leadScoringWeights.version, version));
  if (!active) throw new Error(`scoring weights version ${version} vanished`);
  const history = await db
    .select()
    .from(leadScoringWeightsAudit)
    .orderBy(desc(leadScoringWeightsAudit.id))
    .limit(historyLimit);
  return { active, history };
}
