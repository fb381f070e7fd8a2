import { LoaderCircle, TriangleAlert, UserPlus } from 'lucide-react';
import { type FormEvent, type ReactNode, useId, useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectLabel,
  SelectSeparator,
  SelectTrigger,
  SelectValue,
} from '@/components/ui/select';
import type { Role } from '@/features/auth/me';
import { fieldErrors, isApiError } from '@/lib/api';
import { assignableRoles } from './permissions';
import type { Team } from './types';
import { useCreateUser, useTeams } from './use-admin';

const NO_TEAM = 'none';
export const MIN_PASSWORD_LENGTH = 12;

/** Teams grouped by department, both A–Z. */
export function groupTeams(teams: readonly Team[]): { department: string; teams: Team[] }[] {
  const groups = new Map<string, Team[]>();
  for (const team of [...teams].sort((a, b) => a.name.localeCompare(b.name))) {
    groups.set(team.department.name, [...(groups.get(team.department.name) ?? []), team]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([department, list]) => ({ department, teams: list }));
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-primary-soft-foreground">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** The "New user" button and its form. */
export function NewUserDialog({ myRole }: { myRole: Role }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [fullName, setFullName] = useState('');
  const [role, setRole] = useState<Role>('staff');
  const [teamId, setTeamId] = useState<string>(NO_TEAM);
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const create = useCreateUser();
  const teams = useTeams(open);
  const groups = useMemo(() => groupTeams(teams.data ?? []), [teams.data]);
  const ids = { email: useId(), name: useId(), role: useId(), team: useId(), password: useId() };
  const errorId = useId();

  const errors = fieldErrors(create.error);
  if (tooShort) errors.password ??= `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (isApiError(create.error) && create.error.status === 409) {
    errors.email ??= 'A user with this e-mail already exists.';
  }
  const message = create.error ? create.error.message : null;

  const reset = () => {
    setEmail('');
    setFullName('');
    setRole('staff');
    setTeamId(NO_TEAM);
    setPassword('');
    setTooShort(false);
    create.reset();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    if (password.length < MIN_PASSWORD_LENGTH) {
      setTooShort(true);
      return;
    }
    create.mutate(
      {
        email: email.trim(),
        full_name: fullName.trim(),
        role,
        team_id: teamId === NO_TEAM ? null : teamId,
        password,
      },
      {
        onSuccess: () => {
          setOpen(false);
          reset();
        },
      },
    );
  };

  const describedBy = (id: string, key: string) => (errors[key] ? `${id}-error` : undefined);

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <Button onClick={() => setOpen(true)}>
        <UserPlus aria-hidden="true" />
        New user
      </Button>
      <DialogContent>
        <div>
          <DialogTitle>New user</DialogTitle>
          <DialogDescription>They sign in with this e-mail and password.</DialogDescription>
        </div>
        <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
          <Field id={ids.name} label="Full name" error={errors.full_name}>
            <Input
              id={ids.name}
              required
              autoComplete="off"
              value={fullName}
              onChange={(event) => setFullName(event.target.value)}
              aria-invalid={errors.full_name ? true : undefined}
              aria-describedby={describedBy(ids.name, 'full_name')}
            />
          </Field>
          <Field id={ids.email} label="E-mail" error={errors.email}>
            <Input
              id={ids.email}
              type="email"
              required
              autoComplete="off"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy(ids.email, 'email')}
            />
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id={ids.role} label="Role" error={errors.role}>
              <Select value={role} onValueChange={(value) => setRole(value as Role)}>
                <SelectTrigger
                  id={ids.role}
                  aria-invalid={errors.role ? true : undefined}
                  aria-describedby={describedBy(ids.role, 'role')}
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  {assignableRoles(myRole).map((option) => (
                    <SelectItem key={option.value} value={option.value}>
                      {option.label}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </Field>
            <Field id={ids.team} label="Team" error={errors.team_id}>
              <Select value={teamId} onValueChange={setTeamId}>
                <SelectTrigger
                  id={ids.team}
                  disabled={teams.isError}
                  aria-invalid={errors.team_id ? true : undefined}
                  aria-describedby={describedBy(ids.team, 'team_id')}
                >
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NO_TEAM}>No team</SelectItem>
                  {groups.length ? <SelectSeparator /> : null}
                  {groups.map((group) => (
                    <SelectGroup key={group.department}>
                      <SelectLabel>{group.department}</SelectLabel>
                      {group.teams.map((team) => (
                        <SelectItem key={team.id} value={team.id}>
                          {team.name}
                        </SelectItem>
                      ))}
                    </SelectGroup>
                  ))}
                </SelectContent>
              </Select>
            </Field>
          </div>
          <Field
            id={ids.password}
            label="Password"
            error={errors.password}
            hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
          >
            <Input
              id={ids.password}
              type="password"
              required
              minLength={MIN_PASSWORD_LENGTH}
              autoComplete="new-password"
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                setTooShort(false);
              }}
              aria-invalid={errors.password ? true : undefined}
              aria-describedby={errors.password ? `${ids.password}-error` : `${ids.password}-hint`}
            />
          </Field>
          <div id={errorId} role="alert" className="empty:hidden">
            {message ? (
              <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
                <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                <span>{message}</span>
              </p>
            ) : null}
          </div>
          <DialogFooter>
            <Button variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              {create.isPending ? 'Creating…' : 'Create user'}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
