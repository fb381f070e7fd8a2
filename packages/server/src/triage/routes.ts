import {
  alertDrafts,
  detectBlockers,
  explainScore,
  type LeadScore,
  type LeadSignals,
  type ScoringContext,
  scoreImprovements,
  scoreLead,
  scoringContext,
} from '@ivy/core';
import { type AuditEntry, activeScoringWeights, triagePeople } from '@ivy/db';
import type { z } from 'zod';
import { access, peopleScopeOf } from '../auth/access';
import { auditContextOf, principalOf } from '../auth/request-context';
import { AppError } from '../http/app-error';
import { problemResponses } from '../http/openapi';
import type { RouteContext } from '../http/types';
import { type AiSubject, aiSubjectsOf } from '../llm/ai-subjects';
import { type Explanation, explainScoreWithModel } from '../llm/explain-score';
import type { LlmGateway } from '../llm/llm-gateway';
import { signalsOf } from './raw-lead';
import { type leadTriageSchema, triageRequestSchema, triageResponseSchema } from './schemas';

type LeadTriage = z.infer<typeof leadTriageSchema>;

/**
 * Up to this many leads in one request get the model's explanation; a bulk request (up to 1000 leads) is explained
 * by rules, as a thousand model calls would hold it for minutes.
 */
export const MODEL_EXPLANATIONS_PER_REQUEST = 25;

type Explain = (score: LeadScore) => Promise<Explanation>;

const byRules: Explain = async (score) => ({ text: explainScore(score), source: 'rules' });

/** The model's explanation for `subject` (who the lead is, so it is redacted, and whether they refused AI). */
function byModel(llm: LlmGateway, actor: AuditEntry['actor'], subject?: AiSubject): Explain {
  return (score) => explainScoreWithModel(llm, { score, ...subject, actor });
}

async function describe(
  explain: Explain,
  leadId: string,
  signals: LeadSignals,
  score: LeadScore,
  context: ScoringContext,
  rest: Pick<LeadTriage, 'blockers' | 'alerts' | 'weights_version'>,
): Promise<LeadTriage> {
  return {
    leadId,
    score: score.score,
    band: score.band,
    action: score.action,
    confidence: score.confidence,
    reasons: score.reasons,
    factors: score.factors,
    improvements: scoreImprovements(signals, context),
    explanation: await explain(score),
    ...rest,
  };
}

/** The seed's lead triage (phases 1.1–1.3): score, reasons, blockers and alerts for raw leads or stored people. */
export function registerTriageRoutes({ app, database, llm, triageEvidence, now }: RouteContext) {
  const { db } = database;

  app.post(
    '/ai/triage/leads',
    {
      config: { access: access.permission('ai_lead_scoring') },
      schema: {
        tags: ['triage'],
        summary: 'Score and triage leads: raw leads as the seed sends them, or stored people by id (scores are stored)',
        body: triageRequestSchema,
        response: { 200: triageResponseSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { leads, lead_ids } = request.body;
      const { actor } = auditContextOf(request, now());
      const useModel = llm.model !== null && (leads ?? lead_ids ?? []).length <= MODEL_EXPLANATIONS_PER_REQUEST;
      if (leads) {
        // A raw lead carries flags and counts, no identity: the gateway's own detection is all the redaction needed.
        const explain = useModel ? byModel(llm, actor) : byRules;
        const { version, weights } = await activeScoringWeights(db);
        const context = scoringContext(weights, (await triageEvidence.get()).outcomes);
        return {
          leads: await Promise.all(
            leads.map((lead) => {
              const signals = signalsOf(lead);
              const blockers = detectBlockers(signals, context.sourceRates);
              // A raw lead has no course fee, so no expected value: levels come from severity alone.
              const alerts = alertDrafts(blockers, 0).map((draft) => ({ id: null, status: 'open' as const, ...draft }));
              return describe(explain, lead.id, signals, scoreLead(signals, context), context, {
                blockers,
                alerts,
                weights_version: version,
              });
            }),
          ),
        };
      }
      const ids = [...new Set(lead_ids ?? [])];
      const principal = principalOf(request);
      const {
        people: results,
        missing,
        context,
      } = await triagePeople(db, {
        ids,
        scope: peopleScopeOf(principal),
        now: now(),
        evidence: await triageEvidence.get(),
      });
      if (missing[0]) throw AppError.notFound(`Person ${missing[0]}`);
      const subjects = useModel ? await aiSubjectsOf(db, ids, now()) : new Map();
      return {
        leads: await Promise.all(
          results.map((result) =>
            describe(
              subjects.has(result.id) ? byModel(llm, actor, subjects.get(result.id)) : byRules,
              result.id,
              result.signals,
              result.score,
              context,
              {
                blockers: result.blockers,
                alerts: result.alerts.map((alert) => ({
                  id: alert.id,
                  type: alert.type,
                  severity: alert.severity,
                  level: alert.level,
                  status: alert.status,
                  title: alert.title,
                  description: alert.description,
                  action_required: alert.action_required,
                })),
                weights_version: result.weights_version,
              },
            ),
          ),
        ),
      };
    },
  );
}
