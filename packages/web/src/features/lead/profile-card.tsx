import { Check, X } from 'lucide-react';
import type * as React from 'react';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { ageInYears, formatCalendarDate, formatGbp, formatIntake, humanize } from '@/lib/format';
import { type ContactFlag, emailFlag, phoneFlag } from './contact-checks';
import type { LeadDetail } from './types';

/** "uk" → "UK", "international" → "International", "GB" stays "GB". */
function formatDomicile(value: string): string {
  return value.length <= 3 ? value.toUpperCase() : humanize(value);
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7.5rem_1fr] items-baseline gap-3 py-1.5">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-sm text-foreground-strong">{children}</dd>
    </div>
  );
}

function Empty({ children = 'Not recorded' }: { children?: string }) {
  return <span className="text-muted-foreground italic">{children}</span>;
}

function FlagBadge({ flag }: { flag: ContactFlag }) {
  return (
    <Badge tone={flag.tone} title={flag.explanation}>
      {flag.label}
      <span className="sr-only">: {flag.explanation}</span>
    </Badge>
  );
}

/** A titled group of fields; `fields={false}` for content that is not label/value pairs. */
function Section({ title, fields = true, children }: { title: string; fields?: boolean; children: React.ReactNode }) {
  return (
    <div className="border-t border-border px-5 py-3">
      <h3 className="mb-1 text-[11px] font-semibold tracking-wider text-muted-foreground uppercase">{title}</h3>
      {fields ? <dl>{children}</dl> : children}
    </div>
  );
}

function Consent({ label, given }: { label: string; given: boolean }) {
  return (
    <li
      className={
        given
          ? 'flex items-center gap-1.5 rounded-md border border-[#bfe0bf] bg-success-soft px-2 py-1 text-xs font-medium text-success-soft-foreground'
          : 'flex items-center gap-1.5 rounded-md border border-border bg-muted px-2 py-1 text-xs font-medium text-muted-foreground'
      }
    >
      {given ? <Check className="size-3.5" aria-hidden="true" /> : <X className="size-3.5" aria-hidden="true" />}
      {label}
      <span className="sr-only">{given ? ': consent given' : ': no consent'}</span>
    </li>
  );
}

/** Contact details (with unusable ones flagged), personal details, consent, acquisition and ownership. */
export function ProfileCard({ lead }: { lead: LeadDetail }) {
  const email = emailFlag(lead.email);
  const phone = phoneFlag(lead.phone, lead.phone_e164);
  const age = ageInYears(lead.date_of_birth);

  return (
    <Card aria-labelledby="profile-title">
      <CardHeader className="border-b-0">
        <CardTitle id="profile-title">Profile</CardTitle>
      </CardHeader>
      <Section title="Contact">
        <Field label="E-mail">
          <div className="flex min-w-0 flex-wrap items-center gap-2">
            {lead.email ? (
              <a
                href={`mailto:${lead.email}`}
                className="min-w-0 break-all underline-offset-2 hover:text-primary hover:underline"
              >
                {lead.email}
              </a>
            ) : null}
            {email ? <FlagBadge flag={email} /> : null}
          </div>
        </Field>
        <Field label="Phone">
          <div className="flex flex-wrap items-center gap-2">
            {lead.phone ? (
              lead.phone_e164 ? (
                <a
                  href={`tel:${lead.phone_e164}`}
                  className="tabular-nums underline-offset-2 hover:text-primary hover:underline"
                >
                  {lead.phone}
                </a>
              ) : (
                <span className="tabular-nums">{lead.phone}</span>
              )
            ) : null}
            {phone ? <FlagBadge flag={phone} /> : null}
          </div>
        </Field>
        <Field label="Postcode">{lead.postcode ? <span className="uppercase">{lead.postcode}</span> : <Empty />}</Field>
      </Section>
      <Section title="Personal">
        <Field label="Date of birth">
          {lead.date_of_birth ? (
            <>
              {formatCalendarDate(lead.date_of_birth)}
              {age !== null ? <span className="text-muted-foreground"> · {age} years</span> : null}
            </>
          ) : (
            <Empty />
          )}
        </Field>
        <Field label="Domicile">{lead.domicile ? formatDomicile(lead.domicile) : <Empty />}</Field>
        <Field label="Reference">
          {lead.external_ref ? <span className="font-mono text-xs">{lead.external_ref}</span> : <Empty />}
        </Field>
      </Section>
      <Section title="Consent" fields={false}>
        <ul className="flex flex-wrap gap-2 py-1.5" aria-label="Contact consent">
          <Consent label="E-mail" given={lead.consent_email} />
          <Consent label="SMS" given={lead.consent_sms} />
          <Consent label="Phone" given={lead.consent_phone} />
        </ul>
      </Section>
      <Section title="Acquisition">
        <Field label="Source">{humanize(lead.source)}</Field>
        <Field label="Source detail">{lead.source_detail ?? <Empty />}</Field>
        <Field label="Campaign">{lead.campaign ?? <Empty>None</Empty>}</Field>
      </Section>
      <Section title="Ownership">
        <Field label="Owner">
          {lead.owner ? (
            <span className="flex flex-col">
              <span>{lead.owner.full_name}</span>
              <span className="text-xs break-all text-muted-foreground">{lead.owner.email}</span>
            </span>
          ) : (
            <Empty>Unassigned</Empty>
          )}
        </Field>
        <Field label="Team">{lead.team?.name ?? <Empty>None</Empty>}</Field>
      </Section>
      <Section title="Course of interest" fields={Boolean(lead.course)}>
        {lead.course ? (
          <>
            <Field label="Course">
              <span className="flex flex-col">
                <span>{lead.course.name}</span>
                <span className="text-xs text-muted-foreground">
                  {lead.course.code} · {humanize(lead.course.level)}
                </span>
              </span>
            </Field>
            <Field label="Intake">{formatIntake(lead.course.intake)}</Field>
            <Field label="Campus">{lead.campus?.name ?? <Empty />}</Field>
            <Field label="Fee">{formatGbp(lead.course.fee_gbp)}</Field>
            <Field label="Capacity">{lead.course.capacity} places</Field>
          </>
        ) : (
          <p className="py-1.5 text-sm text-muted-foreground">No course chosen yet.</p>
        )}
      </Section>
    </Card>
  );
}
