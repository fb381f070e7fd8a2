import { sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { queryRows } from '../query-rows';
import { CONTACT_CONSENT_PURPOSE } from './consent-records';

/**
 * The demo's consent history, derived in one statement from the seeded people so that it agrees with their
 * consent_* columns: each consent given at enquiry (through UCAS for UCAS applicants, the enquiry form otherwise),
 * some with an expiry still ahead, some refused on the form, and some given and withdrawn later (by e-mail or on the
 * phone) — which the columns show as false. A stable hash of the person and type picks who falls where, so the same
 * seed gives the same history. Returns the number of records.
 */
export async function seedConsentRecords(db: Tx, asOf: Date): Promise<number> {
  const at = asOf.toISOString();
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`with base as (
          select p.id, p.enquired_at, t.consent_type, t.flag,
                 case when p.source = 'ucas' then 'ucas' else 'web_form' end as source,
                 hashtext(p.id::text || t.consent_type) & 1023 as h
            from people p
            cross join lateral (values ('email_contact', p.consent_email), ('sms_contact', p.consent_sms),
                                       ('phone_contact', p.consent_phone),
                                       ('marketing', p.consent_email and (hashtext(p.id::text) & 1) = 0)) as t(consent_type, flag)
        ),
        given as (
          -- A grant now, or one given at enquiry and withdrawn since (a tenth of those without consent).
          select * from base where flag or (h % 10 = 0 and enquired_at < ${at}::timestamptz)
        ),
        records as (
          select id, consent_type, true as granted, source, enquired_at as recorded_at,
                 case when flag and h % 4 = 0 and enquired_at + interval '3 years' > ${at}::timestamptz
                      then enquired_at + interval '3 years' end as expires_at
            from given
          union all
          select id, consent_type, false, case when h % 3 = 0 then 'phone' else 'email' end,
                 enquired_at + (${at}::timestamptz - enquired_at) * ((h % 97 + 1) / 100.0), null
            from given where not flag
          union all
          -- Refused on the enquiry form: the box left unticked.
          select id, consent_type, false, source, enquired_at, null
            from base where not flag and h % 10 between 1 and 4
        ),
        inserted as (
          insert into consent_records (person_id, consent_type, granted, purpose, data_categories, source, recorded_at, expires_at)
          select id, consent_type, granted,
                 case when consent_type = 'marketing' then 'Open days, events and course news' else ${CONTACT_CONSENT_PURPOSE} end,
                 case when consent_type = 'marketing' then '["contact_details","engagement"]'::jsonb else '[]'::jsonb end,
                 source, recorded_at, expires_at
            from records
          returning 1
        )
        select count(*)::int as count from inserted`,
  );
  return row?.count ?? 0;
}
