import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Fields kept from an import that have no column of their own. Hidden when there are none. */
export function AttributesCard({ attributes }: { attributes: Record<string, unknown> | null }) {
  const entries = Object.entries(attributes ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (!entries.length) return null;
  return (
    <Card aria-labelledby="attributes-title">
      <CardHeader>
        <div>
          <CardTitle id="attributes-title">Imported attributes</CardTitle>
          <CardDescription>Kept as they arrived from the source system</CardDescription>
        </div>
      </CardHeader>
      <dl className="divide-y divide-border px-5 py-1">
        {entries.map(([key, value]) => (
          <div key={key} className="grid grid-cols-[minmax(7rem,40%)_1fr] gap-3 py-2 text-sm">
            <dt className="truncate font-mono text-xs text-muted-foreground" title={key}>
              {key}
            </dt>
            <dd className="min-w-0 break-words text-foreground-strong">{formatValue(value)}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
