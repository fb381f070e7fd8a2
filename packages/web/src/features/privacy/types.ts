export type ErasureGround = 'subject_request' | 'retention';

type RequestCounts = { total: number; by_ground: Record<ErasureGround, number> };

/** GET /ai/pii/gdpr/report */
export type GdprReport = {
  generated_at: string;
  retention_days: number;
  people: { total: number; erased: number };
  consent_coverage: { consent_type: string; granted: number; share: number }[];
  expired_consents: number;
  withdrawn_last_30_days: number;
  past_retention_pending: number;
  exports: { last_30_days: number; all_time: number };
  erasures: { last_30_days: RequestCounts; all_time: RequestCounts };
  recent_requests: {
    id: string;
    kind: 'export' | 'erasure';
    ground: ErasureGround | null;
    person_id: string | null;
    requested_by: string | null;
    created_at: string;
    summary: Record<string, number>;
  }[];
};

/** POST /people/{id}/erase */
export type ErasureResult = {
  status: 'erased' | 'already_erased';
  request_id: string;
  summary: Record<string, number>;
};
