import { type AuditEntry, appendAudit, type Db, schema } from '@ivy/db';

export type LlmCallRecord = Omit<typeof schema.llmCalls.$inferInsert, 'id'>;

/**
 * Stores one call's telemetry. A row holding raw text is audited in the same transaction, so raw personal data is
 * never kept without a record saying so.
 */
export async function recordLlmCall(
  db: Db,
  call: LlmCallRecord,
  actor: AuditEntry['actor'],
  at: Date,
): Promise<string> {
  const raw = call.raw_prompt != null || call.raw_response != null;
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(schema.llmCalls).values(call).returning({ id: schema.llmCalls.id });
    if (!row) throw new Error('llm_calls insert returned no row');
    if (raw) {
      await appendAudit(tx, {
        actor,
        action: 'llm.raw_prompt.log',
        resourceType: 'pii_data',
        resourceId: row.id,
        outcome: 'success',
        details: { purpose: call.purpose, model: call.model, setting: 'IVY_LLM_LOG_RAW_PROMPTS' },
        at,
      });
    }
    return row.id;
  });
}
