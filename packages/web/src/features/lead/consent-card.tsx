import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ChevronRight, LoaderCircle, ShieldCheck, TriangleAlert } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Skeleton } from '@/components/ui/skeleton';
import { useMe } from '@/features/auth/use-auth';
import { apiGet, apiPost, fieldErrors } from '@/lib/api';
import { formatDate } from '@/lib/format';
import { triageQueryKey } from './use-triage';

const CONSENT_TYPE_LABELS = {
  email_contact: 'E-mail contact',
  sms_contact: 'SMS contact',
  phone_contact: 'Phone calls',
  marketing: 'Marketing',
  ai_processing: 'AI processing',
  third_party_sharing: 'Sharing with third parties',
} as const;
type ConsentType = keyof typeof CONSENT_TYPE_LABELS;

const CATEGORY_LABELS = {
  contact_details: 'Contact details',
  demographics: 'Demographics',
  academic_records: 'Academic records',
  application: 'Application',
  engagement: 'Engagement',
  financial: 'Financial',
} as const;
type DataCategory = keyof typeof CATEGORY_LABELS;

const SOURCE_LABELS = {
  web_form: 'Web form',
  email: 'E-mail',
  phone: 'Phone',
  in_person: 'In person',
  ucas: 'UCAS',
  student_portal: 'Student portal',
  import: 'Import',
  staff: 'Recorded by staff',
} as const;
type ConsentSource = keyof typeof SOURCE_LABELS;

type ConsentState = 'granted' | 'refused' | 'withdrawn' | 'expired' | 'not_recorded';

export type ConsentRecord = {
  id: number;
  consent_type: ConsentType;
  granted: boolean;
  purpose: string;
  data_categories: DataCategory[];
  source: ConsentSource;
  recorded_by: string | null;
  recorded_at: string;
  expires_at: string | null;
};

export type PersonConsents = {
  person_id: string;
  current: { consent_type: ConsentType; state: ConsentState; granted: boolean; record: ConsentRecord | null }[];
  history: ConsentRecord[];
};

const STATE_BADGES: Record<ConsentState, { label: string; tone: BadgeTone }> = {
  granted: { label: 'Granted', tone: 'success' },
  refused: { label: 'Refused', tone: 'danger' },
  withdrawn: { label: 'Withdrawn', tone: 'danger' },
  expired: { label: 'Expired', tone: 'warning' },
  not_recorded: { label: 'Not recorded', tone: 'outline' },
};

const ACTIONS = { grant: 'Grant', withdraw: 'Withdraw', refuse: 'Refuse' } as const;
type ConsentAction = keyof typeof ACTIONS;

const consentsKey = (personId: string) => ['consents', personId] as const;

function useConsents(personId: string, enabled: boolean) {
  return useQuery({
    queryKey: consentsKey(personId),
    queryFn: ({ signal }) => apiGet<PersonConsents>(`/people/${encodeURIComponent(personId)}/consents`, { signal }),
    enabled,
  });
}

type ConsentChange = {
  consent_type: ConsentType;
  action: ConsentAction;
  purpose: string;
  data_categories: DataCategory[];
  source: ConsentSource;
  expires_at: string | null;
};

function useRecordConsent(personId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsentChange) =>
      apiPost<PersonConsents>(`/people/${encodeURIComponent(personId)}/consents`, body),
    onSuccess: (consents) => {
      queryClient.setQueryData(consentsKey(personId), consents);
      // A contact consent changes the lead's flags, and with them its triage (next action, blockers).
      void queryClient.invalidateQueries({ queryKey: ['lead', personId] });
      void queryClient.invalidateQueries({ queryKey: triageQueryKey(personId) });
    },
  });
}

function recordLine(record: ConsentRecord): string {
  const parts: string[] = [SOURCE_LABELS[record.source], formatDate(record.recorded_at)];
  if (record.expires_at) parts.push(`expires ${formatDate(record.expires_at)}`);
  return parts.join(' · ');
}

function categoriesLine(record: ConsentRecord): string | null {
  if (!record.granted) return null;
  return record.data_categories.length === 0
    ? 'All data categories'
    : record.data_categories.map((c) => CATEGORY_LABELS[c]).join(', ');
}

const selectClass =
  'h-9 w-full rounded-md border border-input bg-card px-3 text-sm text-foreground-strong shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-ring/30 aria-invalid:border-primary';

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} className="text-xs text-primary-soft-foreground">
      {message}
    </p>
  ) : null;
}

const FORM_FIELDS = ['consent_type', 'action', 'purpose', 'data_categories', 'source', 'expires_at'];

function RecordConsentDialog({ personId }: { personId: string }) {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<ConsentType>('email_contact');
  const [action, setAction] = useState<ConsentAction>('grant');
  const [purpose, setPurpose] = useState('');
  const [categories, setCategories] = useState<DataCategory[]>([]);
  const [source, setSource] = useState<ConsentSource>('staff');
  const [expires, setExpires] = useState('');
  const record = useRecordConsent(personId);
  const errors = fieldErrors(record.error);
  const id = useId();
  const ids = {
    type: `${id}-type`,
    action: `${id}-action`,
    purpose: `${id}-purpose`,
    source: `${id}-source`,
    expires: `${id}-expires`,
  };
  const granting = action === 'grant';
  // A failure no field explains (a conflict, a lost connection) is said once, above the buttons.
  const formError = record.error && !FORM_FIELDS.some((field) => errors[field]) ? record.error.message : null;

  const reset = () => {
    setType('email_contact');
    setAction('grant');
    setPurpose('');
    setCategories([]);
    setSource('staff');
    setExpires('');
    record.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (record.isPending) return;
    record.mutate(
      {
        consent_type: type,
        action,
        purpose: purpose.trim(),
        data_categories: granting ? categories : [],
        source,
        // A consent lasts to the end of the day it expires on.
        expires_at: granting && expires ? new Date(`${expires}T23:59:59`).toISOString() : null,
      },
      {
        onSuccess: () => {
          setOpen(false);
          reset();
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Button variant="outline" size="sm" onClick={() => setOpen(true)}>
        Record consent
      </Button>
      <DialogContent className="max-w-lg">
        <div>
          <DialogTitle>Record consent</DialogTitle>
          <DialogDescription className="mt-1.5">
            Adds to the person’s consent history (audited). Contact consents take effect on triage immediately.
          </DialogDescription>
        </div>
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <div className="grid grid-cols-2 gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={ids.type}>Consent</Label>
              <select
                id={ids.type}
                className={selectClass}
                value={type}
                onChange={(event) => setType(event.target.value as ConsentType)}
                aria-invalid={errors.consent_type ? true : undefined}
              >
                {Object.entries(CONSENT_TYPE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldError id={`${ids.type}-error`} message={errors.consent_type} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={ids.action}>Change</Label>
              <select
                id={ids.action}
                className={selectClass}
                value={action}
                onChange={(event) => setAction(event.target.value as ConsentAction)}
                aria-invalid={errors.action ? true : undefined}
              >
                {Object.entries(ACTIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldError id={`${ids.action}-error`} message={errors.action} />
            </div>
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.purpose}>Purpose</Label>
            <Input
              id={ids.purpose}
              value={purpose}
              onChange={(event) => setPurpose(event.target.value)}
              placeholder="e.g. Updates about their application"
              aria-invalid={errors.purpose ? true : undefined}
              aria-describedby={errors.purpose ? `${ids.purpose}-error` : undefined}
            />
            <FieldError id={`${ids.purpose}-error`} message={errors.purpose} />
          </div>
          {granting ? (
            <fieldset className="flex flex-col gap-1.5">
              <legend className="mb-1.5 text-sm font-medium text-foreground-strong">
                Data covered <span className="font-normal text-muted-foreground">(none ticked: all)</span>
              </legend>
              <div className="grid grid-cols-2 gap-x-3 gap-y-1">
                {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
                  <label key={value} className="flex items-center gap-2 text-sm text-foreground">
                    <input
                      type="checkbox"
                      checked={categories.includes(value as DataCategory)}
                      onChange={(event) =>
                        setCategories((current) =>
                          event.target.checked
                            ? [...current, value as DataCategory]
                            : current.filter((c) => c !== value),
                        )
                      }
                    />
                    {label}
                  </label>
                ))}
              </div>
              <FieldError id={`${id}-categories-error`} message={errors.data_categories} />
            </fieldset>
          ) : null}
          <div className="grid grid-cols-2 gap-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor={ids.source}>Given through</Label>
              <select
                id={ids.source}
                className={selectClass}
                value={source}
                onChange={(event) => setSource(event.target.value as ConsentSource)}
                aria-invalid={errors.source ? true : undefined}
              >
                {Object.entries(SOURCE_LABELS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldError id={`${ids.source}-error`} message={errors.source} />
            </div>
            {granting ? (
              <div className="flex flex-col gap-1.5">
                <Label htmlFor={ids.expires}>Expires on (optional)</Label>
                <Input
                  id={ids.expires}
                  type="date"
                  value={expires}
                  onChange={(event) => setExpires(event.target.value)}
                  aria-invalid={errors.expires_at ? true : undefined}
                  aria-describedby={errors.expires_at ? `${ids.expires}-error` : undefined}
                />
                <FieldError id={`${ids.expires}-error`} message={errors.expires_at} />
              </div>
            ) : null}
          </div>
          <div role="alert" className="empty:hidden">
            {formError ? (
              <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
                <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <span>{formError}</span>
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={record.isPending}>
              {record.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/**
 * The person's consent on the Lead page: each type's current state with where and when it was given, and the full
 * history. Managers and above (pii_consent_manage) can record changes; everyone else with pii_consent_view reads.
 */
export function ConsentCard({ personId }: { personId: string }) {
  const { data: me } = useMe();
  const canView = me?.permissions.includes('pii_consent_view') ?? false;
  const canManage = me?.permissions.includes('pii_consent_manage') ?? false;
  const consents = useConsents(personId, canView);
  if (!canView) return null;
  return (
    <Card aria-labelledby="consent-title">
      <CardHeader>
        <div className="flex items-start justify-between gap-3">
          <div>
            <CardTitle id="consent-title" className="flex items-center gap-2">
              <ShieldCheck className="size-4 text-muted-foreground" aria-hidden="true" />
              Consent
            </CardTitle>
            <CardDescription>What this person has agreed to (UK GDPR and PECR).</CardDescription>
          </div>
          {canManage ? <RecordConsentDialog personId={personId} /> : null}
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {consents.isPending ? (
          <Skeleton className="h-40" />
        ) : consents.error ? (
          <p className="text-sm text-primary-soft-foreground">Consent could not be loaded: {consents.error.message}</p>
        ) : (
          <>
            <ul className="flex flex-col divide-y divide-border" aria-label="Current consent">
              {consents.data.current.map(({ consent_type, state, record }) => (
                <li key={consent_type} className="flex flex-col gap-0.5 py-2 first:pt-0" data-consent={consent_type}>
                  <div className="flex items-center justify-between gap-2">
                    <span className="text-sm font-medium text-foreground-strong">
                      {CONSENT_TYPE_LABELS[consent_type]}
                    </span>
                    <Badge tone={STATE_BADGES[state].tone}>{STATE_BADGES[state].label}</Badge>
                  </div>
                  {record ? (
                    <>
                      <span className="text-xs text-muted-foreground">{recordLine(record)}</span>
                      <span className="text-xs text-foreground">{record.purpose}</span>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
            {consents.data.history.length > 0 ? (
              <details className="group text-sm">
                <summary className="flex cursor-pointer list-none items-center gap-1 text-sm font-medium text-foreground-strong">
                  <ChevronRight className="size-4 transition-transform group-open:rotate-90" aria-hidden="true" />
                  History ({consents.data.history.length})
                </summary>
                <ol className="mt-2 flex flex-col gap-2" aria-label="Consent history">
                  {consents.data.history.map((record) => (
                    <li key={record.id} className="rounded-md border border-border px-3 py-2">
                      <div className="flex items-center justify-between gap-2">
                        <span className="font-medium text-foreground-strong">
                          {CONSENT_TYPE_LABELS[record.consent_type]}
                        </span>
                        <span className="text-xs text-foreground">{record.granted ? 'Granted' : 'Not given'}</span>
                      </div>
                      <p className="text-xs text-muted-foreground">{recordLine(record)}</p>
                      <p className="text-xs text-foreground">{record.purpose}</p>
                      {categoriesLine(record) ? (
                        <p className="text-xs text-muted-foreground">{categoriesLine(record)}</p>
                      ) : null}
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
          </>
        )}
      </CardContent>
    </Card>
  );
}
