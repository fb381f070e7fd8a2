import type { Database } from '@ivy/db';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config';
import type { JobQueue } from '../jobs/job-names';
import type { LlmGateway } from '../llm/llm-gateway';
import type { ActiveModelCache } from '../ml/active-model';
import type { EvidenceCache } from '../triage/evidence-cache';

export type IvyApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** What every route module receives: the app to register on and the services it may use. */
export type RouteContext = {
  app: IvyApp;
  database: Database;
  config: Config;
  jobs: JobQueue;
  llm: LlmGateway;
  /** Recent source outcomes and committed seats, shared by the per-request triage and forecast routes. */
  triageEvidence: EvidenceCache;
  /** The active conversion model, reloaded when another is activated. */
  models: ActiveModelCache;
  now: () => Date;
};
