import { ChevronDown, LoaderCircle, LogOut } from 'lucide-react';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { initials, roleLabel } from '@/features/auth/me';
import { useSignOut } from '@/features/auth/use-auth';
import { useCurrentUser } from './require-auth';

/** The signed-in user in the top bar: who they are, their role and team, and "Sign out". */
export function UserMenu() {
  const me = useCurrentUser();
  const signOut = useSignOut();
  const role = roleLabel(me.role);
  const unit = [me.team?.name, me.department?.name].filter(Boolean).join(' · ');

  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        title={`${me.full_name}, ${role}`}
        className="flex h-9 cursor-pointer items-center gap-2 rounded-full py-0.5 pr-2 pl-0.5 text-sm text-chrome-foreground transition-colors hover:bg-chrome-raised focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white data-[state=open]:bg-chrome-raised"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-full bg-chrome-raised text-xs font-semibold tracking-wide ring-1 ring-white/20"
        >
          {initials(me.full_name, me.email)}
        </span>
        <span className="sr-only max-w-40 truncate font-medium md:not-sr-only">{me.full_name}</span>
        <ChevronDown className="size-4 text-chrome-muted" aria-hidden="true" />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-64">
        <DropdownMenuLabel className="flex flex-col gap-0.5 py-2 font-normal">
          <span className="truncate text-sm font-semibold text-foreground-strong">{me.full_name}</span>
          <span className="truncate text-xs text-muted-foreground">{me.email}</span>
          <span className="mt-1 text-xs font-medium text-foreground" data-testid="user-role">
            {role}
          </span>
          {unit ? <span className="truncate text-xs text-muted-foreground">{unit}</span> : null}
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem
          disabled={signOut.isPending}
          onSelect={(event) => {
            event.preventDefault();
            signOut.mutate();
          }}
        >
          {signOut.isPending ? (
            <LoaderCircle className="animate-spin motion-reduce:animate-none" aria-hidden="true" />
          ) : (
            <LogOut aria-hidden="true" />
          )}
          Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
