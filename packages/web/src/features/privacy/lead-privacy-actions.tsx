import { Download, LoaderCircle, ShieldCheck, TriangleAlert, UserRoundX } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { useMe } from '@/features/auth/use-auth';
import { fieldErrors } from '@/lib/api';
import { ERASE_CONFIRMATION, erasureBlocker, summaryLine } from './privacy-format';
import { useErasePerson, useExportPerson } from './use-gdpr';

function ErrorNote({ message }: { message: string }) {
  return (
    <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
      <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
      <span>{message}</span>
    </p>
  );
}

function EraseDialog({ personId, name, onErased }: { personId: string; name: string; onErased: (s: string) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const erase = useErasePerson(personId);
  const ids = { reason: useId(), confirm: useId(), hint: useId() };
  const blocker = erasureBlocker(reason, confirm, personId);
  const errors = fieldErrors(erase.error);

  const reset = () => {
    setReason('');
    setConfirm('');
    erase.reset();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (blocker || erase.isPending) return;
    erase.mutate(
      { reason: reason.trim(), confirm: confirm.trim() },
      {
        onSuccess: (result) => {
          setOpen(false);
          reset();
          onErased(
            result.status === 'erased'
              ? `Erased: ${summaryLine(result.summary)}.`
              : 'This person had already been erased; nothing changed.',
          );
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
        <UserRoundX aria-hidden="true" />
        Erase person
      </Button>
      <DialogContent role="alertdialog" className="max-w-lg">
        <div>
          <DialogTitle>Erase {name}?</DialogTitle>
          <DialogDescription className="mt-1.5">
            Their name, contact details, notes, scores, forecasts, consent and every mention in the audit log are
            removed for good. Only anonymous figures (source, course, stage dates, outcome) stay, so reports do not
            change. This cannot be undone.
          </DialogDescription>
        </div>
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.reason}>Reason for erasure</Label>
            <textarea
              id={ids.reason}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={errors.reason ? true : undefined}
              className="w-full rounded-md border border-input bg-card px-3 py-2 text-sm text-foreground-strong shadow-xs focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-ring/30 aria-invalid:border-primary"
              placeholder="e.g. Erasure requested by the applicant by e-mail on 20 November"
            />
            {errors.reason ? <p className="text-xs text-primary-soft-foreground">{errors.reason}</p> : null}
          </div>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.confirm}>Type {ERASE_CONFIRMATION} to confirm</Label>
            <Input
              id={ids.confirm}
              autoComplete="off"
              spellCheck={false}
              value={confirm}
              onChange={(event) => setConfirm(event.target.value)}
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={ids.hint}
            />
            <p id={ids.hint} className="text-xs text-muted-foreground">
              {errors.confirm ?? blocker ?? 'Ready to erase.'}
            </p>
          </div>
          <div role="alert" className="empty:hidden">
            {erase.error && !errors.reason && !errors.confirm ? <ErrorNote message={erase.error.message} /> : null}
          </div>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={blocker !== null || erase.isPending}>
              {erase.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              Erase permanently
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Data-subject rights on the Lead page: export everything held about the person, or erase them. */
export function LeadPrivacyActions({ personId, name }: { personId: string; name: string }) {
  const { data: me } = useMe();
  const exportPerson = useExportPerson(personId);
  const [erased, setErased] = useState<string | null>(null);
  if (!me?.permissions.includes('pii_gdpr_report')) return null;
  return (
    <Card aria-labelledby="privacy-actions-title">
      <CardHeader>
        <div>
          <CardTitle id="privacy-actions-title" className="flex items-center gap-2">
            <ShieldCheck className="size-4 text-muted-foreground" aria-hidden="true" />
            Data protection
          </CardTitle>
          <CardDescription>Subject access and erasure (UK GDPR articles 15 and 17). Both are audited.</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div className="flex flex-wrap gap-2">
          <Button variant="outline" size="sm" disabled={exportPerson.isPending} onClick={() => exportPerson.mutate()}>
            {exportPerson.isPending ? (
              <LoaderCircle className="animate-spin" aria-hidden="true" />
            ) : (
              <Download aria-hidden="true" />
            )}
            Export data
          </Button>
          <EraseDialog personId={personId} name={name} onErased={setErased} />
        </div>
        <div role="status" className="empty:hidden">
          {erased ? <p className="text-sm text-foreground">{erased}</p> : null}
        </div>
        {exportPerson.error ? <ErrorNote message={exportPerson.error.message} /> : null}
      </CardContent>
    </Card>
  );
}
