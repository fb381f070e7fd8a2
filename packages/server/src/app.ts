import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import type { Database } from '@ivy/db';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerGuard } from './auth/guard';
import { registerAuthRoutes } from './auth/routes';
import { registerTokenRoutes } from './auth/token-routes';
import { registerCatalogueRoutes } from './catalogue/routes';
import type { Config } from './config';
import { registerHealthRoutes } from './health/routes';
import { registerOpenApi } from './http/openapi';
import { handleError } from './http/problem-response';
import type { IvyApp, RouteContext } from './http/types';
import { registerWebApp } from './http/web-app';
import type { JobQueue } from './jobs/job-names';
import { createLlmGateway, type LlmGateway } from './llm/llm-gateway';
import { type LlmProvider, llmProviderFromConfig } from './llm/llm-provider';
import { createActiveModelCache } from './ml/active-model';
import { registerCohortRoutes } from './ml/cohort-routes';
import { registerFeatureAnalysisRoutes } from './ml/feature-analysis-route';
import { registerMlForecastRoutes } from './ml/forecast-routes';
import { registerMlRoutes } from './ml/ml-routes';
import { registerPredictionRoutes } from './ml/prediction-routes';
import { registerTimeSeriesRoutes } from './ml/time-series-routes';
import { registerPeopleImportRoutes } from './people/import-routes';
import { registerPeopleRoutes } from './people/routes';
import { registerConsentRoutes } from './privacy/consent-routes';
import { registerGdprRoutes } from './privacy/gdpr-routes';
import { registerPiiRoutes } from './privacy/pii-routes';
import { registerAlertRoutes } from './triage/alert-routes';
import { createEvidenceCache } from './triage/evidence-cache';
import { registerForecastRoutes } from './triage/forecast-routes';
import { registerTriageRoutes } from './triage/routes';
import { registerWeightsRoutes } from './triage/weights-routes';
import { registerAuditRoutes } from './users/audit-routes';
import { registerRoleRoutes } from './users/role-routes';
import { registerUserSystemRoutes } from './users/system-routes';
import { registerUserRoutes } from './users/user-routes';

export type BuildAppOptions = {
  database: Database;
  config: Config;
  /** Where routes ask for background work. */
  jobs: JobQueue;
  /**
   * The language model behind the gateway; by default the one the configuration names, and with none configured no
   * model is ever called (deterministic answers). Tests pass a fake.
   */
  llmProvider?: LlmProvider | null;
  logger?: FastifyServerOptions['logger'];
  /** The clock; tests pin it. */
  now?: () => Date;
};

export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export async function buildApp({
  database,
  config,
  jobs,
  llmProvider = llmProviderFromConfig(config),
  logger = false,
  now = () => new Date(),
}: BuildAppOptions): Promise<IvyApp> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  await app.register(helmet, { contentSecurityPolicy: { directives: { 'img-src': ["'self'", 'data:'] } } });
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  await registerOpenApi(app);
  await registerWebApp(app, config.IVY_WEB_DIST);

  const llm: LlmGateway = createLlmGateway({ provider: llmProvider, db: database.db, now, config, log: app.log });
  const context: RouteContext = {
    app,
    database,
    config,
    jobs,
    llm,
    triageEvidence: createEvidenceCache(database.db),
    models: createActiveModelCache(database.db),
    now,
  };
  await registerGuard(context);
  registerAuthRoutes(context);
  registerTokenRoutes(context);
  registerHealthRoutes(context);
  registerCatalogueRoutes(context);
  registerPeopleRoutes(context);
  registerPeopleImportRoutes(context);
  registerGdprRoutes(context);
  registerConsentRoutes(context);
  registerPiiRoutes(context);
  registerTriageRoutes(context);
  registerWeightsRoutes(context);
  registerForecastRoutes(context);
  registerAlertRoutes(context);
  registerMlRoutes(context);
  registerPredictionRoutes(context);
  registerTimeSeriesRoutes(context);
  registerMlForecastRoutes(context);
  registerCohortRoutes(context);
  registerFeatureAnalysisRoutes(context);
  registerRoleRoutes(context);
  registerAuditRoutes(context);
  registerUserSystemRoutes(context);
  registerUserRoutes(context);
  return app;
}
