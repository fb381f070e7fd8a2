import { describe, expect, it } from 'vitest';
import {
  clearLeadFilters,
  countActiveFilters,
  DEFAULT_LEAD_SORT,
  EMPTY_LEAD_FILTERS,
  type LeadFilters,
  leadFiltersToSearchParams,
  leadsApiPath,
  parseLeadFilters,
  sortingToSort,
  sortToSorting,
} from './lead-filters';

const COURSE = '6f1c2a7e-2b1d-4c3e-9f00-1234567890ab';

describe('parseLeadFilters', () => {
  it('gives empty filters and the default sort for an empty query string', () => {
    expect(parseLeadFilters(new URLSearchParams())).toEqual(EMPTY_LEAD_FILTERS);
    expect(EMPTY_LEAD_FILTERS.sort).toBe('-created_at');
  });

  it('reads every filter from the URL', () => {
    const filters = parseLeadFilters(
      new URLSearchParams(
        `q=smith&stage=offer,applicant&source=ucas&band=low,high&course_id=${COURSE}&created_from=2026-01-01&created_to=2026-06-30&sort=-score`,
      ),
    );
    expect(filters).toEqual({
      ...EMPTY_LEAD_FILTERS,
      q: 'smith',
      // Vocabulary order, whatever order the URL had.
      stages: ['applicant', 'offer'],
      sources: ['ucas'],
      bands: ['high', 'low'],
      courseId: COURSE,
      createdFrom: '2026-01-01',
      createdTo: '2026-06-30',
      sort: '-score',
    });
  });

  it('drops values it does not understand instead of failing', () => {
    const filters = parseLeadFilters(
      new URLSearchParams(
        'stage=offer,bogus,offer&source=carrier_pigeon&band=hot,medium&created_from=2026-02-30&created_to=yesterday&sort=email',
      ),
    );
    expect(filters.stages).toEqual(['offer']);
    expect(filters.sources).toEqual([]);
    expect(filters.bands).toEqual(['medium']);
    expect(filters.createdFrom).toBeNull();
    expect(filters.createdTo).toBeNull();
    expect(filters.sort).toBe(DEFAULT_LEAD_SORT);
  });
});

describe('leadFiltersToSearchParams', () => {
  it('leaves out empty filters and the default sort, so a clean list has a clean URL', () => {
    expect(leadFiltersToSearchParams(EMPTY_LEAD_FILTERS).toString()).toBe('');
  });

  it('round-trips through parseLeadFilters', () => {
    const filters: LeadFilters = {
      q: "o'brien",
      stages: ['enquirer', 'lost'],
      sources: ['event', 'agent'],
      bands: ['high', 'medium'],
      courseId: COURSE,
      campusId: null,
      ownerId: null,
      createdFrom: '2025-09-01',
      createdTo: null,
      sort: '-last_activity_at',
    };
    const params = leadFiltersToSearchParams(filters);
    expect(params.get('stage')).toBe('enquirer,lost');
    expect(params.get('source')).toBe('event,agent');
    expect(params.get('band')).toBe('high,medium');
    expect(parseLeadFilters(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  it('trims the search text', () => {
    expect(leadFiltersToSearchParams({ ...EMPTY_LEAD_FILTERS, q: '  ada ' }).get('q')).toBe('ada');
    expect(leadFiltersToSearchParams({ ...EMPTY_LEAD_FILTERS, q: '   ' }).has('q')).toBe(false);
  });
});

describe('leadsApiPath', () => {
  it('builds the API request with the sort, page size and cursor', () => {
    const path = leadsApiPath(
      { ...EMPTY_LEAD_FILTERS, stages: ['applicant', 'offer'], bands: ['high'], q: 'ann lee', sort: '-score' },
      { limit: 50, cursor: 'abc' },
    );
    const [pathname, query] = path.split('?');
    expect(pathname).toBe('/people/leads');
    const params = new URLSearchParams(query);
    expect(params.get('stage')).toBe('applicant,offer');
    expect(params.get('q')).toBe('ann lee');
    expect(params.get('band')).toBe('high');
    expect(params.get('sort')).toBe('-score');
    expect(params.get('limit')).toBe('50');
    expect(params.get('cursor')).toBe('abc');
  });

  it('leaves out the cursor on the first page', () => {
    expect(leadsApiPath(EMPTY_LEAD_FILTERS, { limit: 50 })).toBe('/people/leads?sort=-created_at&limit=50');
  });
});

describe('active filters', () => {
  it('counts the filters that narrow the list, not the sort', () => {
    expect(countActiveFilters({ ...EMPTY_LEAD_FILTERS, sort: 'name' })).toBe(0);
    expect(
      countActiveFilters({
        ...EMPTY_LEAD_FILTERS,
        q: 'x',
        stages: ['offer'],
        bands: ['low'],
        createdFrom: '2026-01-01',
        createdTo: '2026-02-01',
      }),
    ).toBe(4);
  });

  it('clears filters but keeps the sort', () => {
    expect(
      clearLeadFilters({ ...EMPTY_LEAD_FILTERS, q: 'x', sources: ['ucas'], bands: ['high'], sort: 'name' }),
    ).toEqual({
      ...EMPTY_LEAD_FILTERS,
      sort: 'name',
    });
  });
});

describe('sorting', () => {
  it('converts between the API sort and TanStack sorting state', () => {
    expect(sortToSorting('-created_at')).toEqual([{ id: 'created_at', desc: true }]);
    expect(sortToSorting('name')).toEqual([{ id: 'name', desc: false }]);
    expect(sortingToSort([{ id: 'last_activity_at', desc: false }])).toBe('last_activity_at');
    expect(sortingToSort([{ id: 'name', desc: true }])).toBe('-name');
    expect(sortingToSort([{ id: 'score', desc: true }])).toBe('-score');
    expect(sortToSorting('-score')).toEqual([{ id: 'score', desc: true }]);
  });

  it('falls back to the default for columns the API cannot sort by', () => {
    expect(sortingToSort([{ id: 'email', desc: false }])).toBe(DEFAULT_LEAD_SORT);
    expect(sortingToSort([])).toBe(DEFAULT_LEAD_SORT);
  });
});
