import { ChevronDown } from 'lucide-react';
import { useId } from 'react';
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

type MultiSelectProps<T extends string> = {
  label: string;
  /** Shown when nothing is selected, e.g. "All stages". */
  placeholder: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  className?: string;
};

/** A labelled dropdown of checkboxes; the menu stays open while choosing several values. */
export function MultiSelect<T extends string>({
  label,
  placeholder,
  options,
  value,
  onChange,
  className,
}: MultiSelectProps<T>) {
  const id = useId();
  const labelId = `${id}-label`;
  const selected = new Set(value);
  const firstLabel = options.find((option) => selected.has(option.value))?.label;
  const summary =
    value.length === 0 || !firstLabel
      ? placeholder
      : value.length === 1
        ? firstLabel
        : `${firstLabel} +${value.length - 1}`;

  function toggle(option: T, checked: boolean) {
    // Keep the options' order so the URL is stable whatever order they were ticked in.
    onChange(options.map((o) => o.value).filter((v) => (v === option ? checked : selected.has(v))));
  }

  return (
    <div className={cn('flex flex-col gap-1.5', className)}>
      <Label id={labelId} htmlFor={id}>
        {label}
      </Label>
      <DropdownMenu>
        <DropdownMenuTrigger
          id={id}
          aria-labelledby={`${labelId} ${id}`}
          className={cn(
            'flex h-9 w-full min-w-0 cursor-pointer items-center justify-between gap-2 rounded-md border border-input bg-card px-3 text-left text-sm shadow-xs transition-colors hover:bg-[#fafbfc] focus-visible:border-ring focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-ring/30',
            value.length ? 'border-[#b9c3cb] font-medium text-foreground-strong' : 'text-muted-foreground',
          )}
        >
          <span className="truncate">{summary}</span>
          <ChevronDown className="size-4 shrink-0 text-muted-foreground" aria-hidden="true" />
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start" className="min-w-(--radix-dropdown-menu-trigger-width)">
          {options.map((option) => (
            <DropdownMenuCheckboxItem
              key={option.value}
              checked={selected.has(option.value)}
              onCheckedChange={(checked) => toggle(option.value, checked === true)}
              onSelect={(event) => event.preventDefault()}
            >
              {option.label}
            </DropdownMenuCheckboxItem>
          ))}
          {value.length ? (
            <>
              <DropdownMenuSeparator />
              <DropdownMenuItem onSelect={() => onChange([])} className="justify-center text-muted-foreground">
                Clear selection
              </DropdownMenuItem>
            </>
          ) : null}
        </DropdownMenuContent>
      </DropdownMenu>
    </div>
  );
}
