import { benchApiLatency } from './api-latency';
import { benchTargets, seedBenchDatabase, serveBenchApp } from './bench-targets';
import { benchConversionModel } from './ml-bench';
import { benchRescoring, benchScoringCore, benchTriageRequests } from './triage-bench';

/**
 * api: the leads list and a person; triage: the scoring core, triage requests and rescoring everyone; ml: training
 * the conversion model from the database and predicting 10k leads.
 */
export type BenchPart = 'api' | 'triage' | 'ml';

export type BenchOptions = { people: number; requests: number; leads: number; parts: readonly BenchPart[] };

/**
 * Seeds each target once and runs the chosen parts on it, printing one table per target. The figures are this
 * machine's, to read against the goals, not to assert: timing depends on the hardware and on what else runs.
 */
export async function runBenchmarks(options: BenchOptions) {
  const api = options.parts.includes('api');
  const triage = options.parts.includes('triage');
  if (triage) benchScoringCore(options.leads);
  console.log(
    `\n${options.requests} sequential requests per endpoint over HTTP with a bearer token, after 20 warm-up requests each.`,
  );
  for (const target of await benchTargets()) {
    const { database, dispose } = await target.open();
    try {
      const { summary, seedSeconds } = await seedBenchDatabase(database, options.people);
      console.log(
        `\n${target.label}: ${summary.people.toLocaleString('en-GB')} people, ${summary.engagementEvents.toLocaleString('en-GB')} engagement events (seeded in ${seedSeconds.toFixed(1)} s)`,
      );
      // Rescoring first: the requests then meet what a live system has, every person scored and alerts raised.
      if (triage) await benchRescoring(database);
      if (options.parts.includes('ml')) await benchConversionModel(database);
      const app = await serveBenchApp(database);
      try {
        if (api) await benchApiLatency(database, app, options.requests);
        if (triage) await benchTriageRequests(database, app, options.requests);
      } finally {
        await app.close();
      }
    } finally {
      await dispose();
    }
  }
}
