import { useMutation } from '@tanstack/react-query';
import { LoaderCircle, ScanText } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { apiPost } from '@/lib/api';
import { humanize } from '@/lib/format';
import { type PiiType, REDACTION_LEVELS, type RedactionLevel } from '@/lib/vocabulary';

/** POST /ai/pii/redact. */
type Redaction = {
  operation_id: string;
  level: RedactionLevel;
  redacted_text: string;
  pii_found: number;
  by_type: Partial<Record<PiiType, number>>;
};

const LEVEL_TEXT: Record<RedactionLevel, string> = {
  full: 'Full: a tag per type',
  partial: 'Partial: masked, e.g. j***@email.com',
  hashed: 'Hashed: a keyed HMAC tag',
  anonymized: 'Anonymized: pseudonyms for this request',
};

/** The seed's test sentence, with more of what admissions notes hold. */
const SAMPLE =
  'Student John Smith, email: john@email.com, phone 07911 123456, NI number QQ 12 34 56 C, lives at 14 Mill Lane, Leeds LS6 2AB. Predicted grades A*AA.';

/** Try redaction on any text before trusting it with real notes: what is found, and what would leave Ivy. */
export function RedactionPlayground() {
  const ids = { text: useId(), level: useId() };
  const [text, setText] = useState(SAMPLE);
  const [level, setLevel] = useState<RedactionLevel>('anonymized');
  const redaction = useMutation({
    mutationFn: (body: { text: string; level: RedactionLevel }) => apiPost<Redaction>('/ai/pii/redact', body),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    redaction.mutate({ text, level });
  };
  const result = redaction.data;
  return (
    <Card data-testid="redaction-playground">
      <CardHeader>
        <div>
          <CardTitle>Redaction playground</CardTitle>
          <CardDescription>
            Paste a note to see the personal data Ivy finds and how each level hides it. Nothing you type is stored.
          </CardDescription>
        </div>
      </CardHeader>
      <CardContent className="grid gap-5 lg:grid-cols-2">
        <form className="flex flex-col gap-3" onSubmit={submit}>
          <div className="flex flex-col gap-1.5">
            <Label htmlFor={ids.text}>Text</Label>
            <textarea
              id={ids.text}
              value={text}
              onChange={(event) => setText(event.target.value)}
              rows={6}
              maxLength={50_000}
              className="rounded-md border border-border bg-background px-3 py-2 text-sm shadow-xs focus-visible:outline-2 focus-visible:outline-ring"
            />
          </div>
          <div className="flex flex-wrap items-end gap-3">
            <div className="flex min-w-64 flex-col gap-1.5">
              <Label htmlFor={ids.level}>Level</Label>
              <Select value={level} onValueChange={(value) => setLevel(value as RedactionLevel)}>
                <SelectTrigger id={ids.level}>
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {REDACTION_LEVELS.map((option) => (
                    <SelectItem key={option} value={option}>
                      {LEVEL_TEXT[option]}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
            <Button type="submit" disabled={redaction.isPending || text.trim() === ''}>
              {redaction.isPending ? (
                <LoaderCircle className="size-4 animate-spin" aria-hidden="true" />
              ) : (
                <ScanText className="size-4" aria-hidden="true" />
              )}
              Redact
            </Button>
          </div>
          {redaction.error ? (
            <p role="alert" className="text-sm text-primary-soft-foreground">
              {redaction.error.message}
            </p>
          ) : null}
        </form>
        <section aria-label="Redacted text" className="flex flex-col gap-3" aria-live="polite">
          {result ? (
            <>
              <p
                className="whitespace-pre-wrap rounded-md border border-border bg-muted/40 px-3 py-2 font-mono text-sm"
                data-testid="redacted-text"
              >
                {result.redacted_text}
              </p>
              <div className="flex flex-wrap items-center gap-1.5 text-sm" data-testid="redaction-found">
                <span className="text-muted-foreground">{result.pii_found} found:</span>
                {Object.entries(result.by_type).map(([type, count]) => (
                  <Badge key={type} tone="outline">
                    {humanize(type)} · {count}
                  </Badge>
                ))}
              </div>
            </>
          ) : (
            <p className="text-sm text-muted-foreground">The redacted text appears here.</p>
          )}
        </section>
      </CardContent>
    </Card>
  );
}
