import type { SortingState } from '@tanstack/react-table';
import { withQuery } from '@/lib/api';
import {
  LIFECYCLE_STAGES,
  type LifecycleStage,
  SCORE_BANDS,
  type ScoreBand,
  SOURCES,
  type Source,
} from '@/lib/vocabulary';

export const LEAD_SORT_KEYS = ['created_at', 'last_activity_at', 'name', 'score'] as const;
export type LeadSortKey = (typeof LEAD_SORT_KEYS)[number];
export type LeadSort = LeadSortKey | `-${LeadSortKey}`;
export const DEFAULT_LEAD_SORT: LeadSort = '-created_at';

/**
 * What the Leads page shows. It lives in the URL query string (same names as the API's parameters) so a filtered
 * list can be bookmarked and shared.
 */
export type LeadFilters = {
  q: string;
  stages: LifecycleStage[];
  sources: Source[];
  bands: ScoreBand[];
  courseId: string | null;
  campusId: string | null;
  ownerId: string | null;
  /** Inclusive calendar dates, "YYYY-MM-DD". */
  createdFrom: string | null;
  createdTo: string | null;
  sort: LeadSort;
};

export const EMPTY_LEAD_FILTERS: LeadFilters = {
  q: '',
  stages: [],
  sources: [],
  bands: [],
  courseId: null,
  campusId: null,
  ownerId: null,
  createdFrom: null,
  createdTo: null,
  sort: DEFAULT_LEAD_SORT,
};

/** Values from a comma-separated list that belong to the vocabulary, once each, in vocabulary order. */
function parseList<T extends string>(raw: string | null, vocabulary: readonly T[]): T[] {
  if (!raw) return [];
  const wanted = new Set(raw.split(',').map((part) => part.trim().toLowerCase()));
  return vocabulary.filter((value) => wanted.has(value));
}

function parseDate(raw: string | null): string | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const date = new Date(`${raw}T00:00:00Z`);
  // Reject dates that roll over, such as 2026-02-30.
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(raw) ? raw : null;
}

function parseId(raw: string | null): string | null {
  const trimmed = raw?.trim();
  return trimmed ? trimmed : null;
}

export function isLeadSort(value: string): value is LeadSort {
  return (LEAD_SORT_KEYS as readonly string[]).includes(value.replace(/^-/, ''));
}

/** Reads filters from a URL query string, ignoring anything malformed rather than failing. */
export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    stages: parseList(params.get('stage'), LIFECYCLE_STAGES),
    sources: parseList(params.get('source'), SOURCES),
    bands: parseList(params.get('band'), SCORE_BANDS),
    courseId: parseId(params.get('course_id')),
    campusId: parseId(params.get('campus_id')),
    ownerId: parseId(params.get('owner_id')),
    createdFrom: parseDate(params.get('created_from')),
    createdTo: parseDate(params.get('created_to')),
    sort: sort && isLeadSort(sort) ? sort : DEFAULT_LEAD_SORT,
  };
}

/** The query parameters both the URL and the API use, without empty values or the default sort. */
function filterParams(filters: LeadFilters): [string, string][] {
  const entries: [string, string | null][] = [
    ['q', filters.q.trim() || null],
    ['stage', filters.stages.join(',') || null],
    ['source', filters.sources.join(',') || null],
    ['band', filters.bands.join(',') || null],
    ['course_id', filters.courseId],
    ['campus_id', filters.campusId],
    ['owner_id', filters.ownerId],
    ['created_from', filters.createdFrom],
    ['created_to', filters.createdTo],
    ['sort', filters.sort === DEFAULT_LEAD_SORT ? null : filters.sort],
  ];
  return entries.filter((entry): entry is [string, string] => entry[1] !== null);
}

/** The URL query string for a set of filters; `parseLeadFilters` reads it back to the same filters. */
export function leadFiltersToSearchParams(filters: LeadFilters): URLSearchParams {
  return new URLSearchParams(filterParams(filters));
}

/** GET /people/leads for these filters, one page. */
export function leadsApiPath(filters: LeadFilters, page: { limit: number; cursor?: string | null }): string {
  return withQuery('/people/leads', {
    ...Object.fromEntries(filterParams(filters)),
    sort: filters.sort,
    limit: page.limit,
    cursor: page.cursor ?? null,
  });
}

/** How many filters narrow the list (the sort does not count). */
export function countActiveFilters(filters: LeadFilters): number {
  return [
    filters.q.trim() !== '',
    filters.stages.length > 0,
    filters.sources.length > 0,
    filters.bands.length > 0,
    filters.courseId !== null,
    filters.campusId !== null,
    filters.ownerId !== null,
    filters.createdFrom !== null || filters.createdTo !== null,
  ].filter(Boolean).length;
}

/** Filters cleared, sort kept. */
export function clearLeadFilters(filters: LeadFilters): LeadFilters {
  return { ...EMPTY_LEAD_FILTERS, sort: filters.sort };
}

/** The API sort ("-created_at") as TanStack Table sorting state. */
export function sortToSorting(sort: LeadSort): SortingState {
  const desc = sort.startsWith('-');
  return [{ id: desc ? sort.slice(1) : sort, desc }];
}

/** TanStack Table sorting state back to the API sort; anything the API cannot sort by gives the default. */
export function sortingToSort(sorting: SortingState): LeadSort {
  const first = sorting[0];
  if (!first || !(LEAD_SORT_KEYS as readonly string[]).includes(first.id)) return DEFAULT_LEAD_SORT;
  const key = first.id as LeadSortKey;
  return first.desc ? `-${key}` : key;
}
