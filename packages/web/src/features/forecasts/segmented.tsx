import { cn } from '@/lib/utils';

/** A row of mutually exclusive buttons (the Triage view toggle's look), for choices worth seeing all at once. */
export function Segmented<T extends string>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <fieldset className="inline-flex w-fit rounded-md border border-input bg-muted p-0.5">
      <legend className="sr-only">{legend}</legend>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'h-7 cursor-pointer rounded-[5px] px-3 text-[13px] font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-ring',
            value === option.value
              ? 'bg-card text-foreground-strong shadow-xs'
              : 'text-muted-foreground hover:text-foreground-strong',
          )}
        >
          {option.label}
        </button>
      ))}
    </fieldset>
  );
}
