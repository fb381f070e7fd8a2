import { LoaderCircle, SearchX, ShieldCheck, TriangleAlert, UserX, X } from 'lucide-react';
import { type ReactNode, useCallback, useId, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/app/page-header';
import { useCurrentUser } from '@/app/require-auth';
import { RelativeTime } from '@/components/relative-time';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogTitle } from '@/components/ui/dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectSeparator, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow, TableScroller } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { type Role, roleLabel } from '@/features/auth/me';
import { LeadSearchField } from '@/features/leads/leads-filter-bar';
import { formatCount, pluralise } from '@/lib/format';
import {
  EMPTY_USER_FILTERS,
  hasUserFilters,
  parseUserFilters,
  type UserFilters,
  userFiltersToSearchParams,
} from './admin-filters';
import { NewUserDialog } from './new-user-dialog';
import { ALL_ROLES, assignableRoles, rowActions, userActions } from './permissions';
import type { AdminUser } from './types';
import { useDeactivateUser, useUpdateUser, useUsers } from './use-admin';

const ALL = 'all';

const ROLE_TONES: Record<Role, BadgeTone> = {
  student: 'outline',
  staff: 'neutral',
  manager: 'info',
  admin: 'violet',
  super_admin: 'violet',
};

function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={ROLE_TONES[role] ?? 'neutral'}>{roleLabel(role)}</Badge>;
}

function UsersFilterBar({ filters, onChange }: { filters: UserFilters; onChange: (next: UserFilters) => void }) {
  const roleId = useId();
  const statusId = useId();
  return (
    <fieldset className="flex flex-wrap items-end gap-x-2.5 gap-y-3">
      <legend className="sr-only">Filter users</legend>
      <div className="flex w-48 flex-col gap-1.5">
        <Label htmlFor={roleId}>Role</Label>
        <Select
          value={filters.role ?? ALL}
          onValueChange={(value) => onChange({ ...filters, role: value === ALL ? null : (value as Role) })}
        >
          <SelectTrigger id={roleId}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>All roles</SelectItem>
            <SelectSeparator />
            {ALL_ROLES.map((role) => (
              <SelectItem key={role.value} value={role.value}>
                {role.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </div>
      <div className="flex w-36 flex-col gap-1.5">
        <Label htmlFor={statusId}>Status</Label>
        <Select
          value={filters.active === null ? ALL : String(filters.active)}
          onValueChange={(value) => onChange({ ...filters, active: value === ALL ? null : value === 'true' })}
        >
          <SelectTrigger id={statusId}>
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            <SelectItem value={ALL}>Any status</SelectItem>
            <SelectItem value="true">Active</SelectItem>
            <SelectItem value="false">Deactivated</SelectItem>
          </SelectContent>
        </Select>
      </div>
      {hasUserFilters(filters) ? (
        <Button variant="ghost" onClick={() => onChange(EMPTY_USER_FILTERS)} className="text-muted-foreground">
          <X aria-hidden="true" />
          Clear filters
        </Button>
      ) : null}
    </fieldset>
  );
}

function DeactivateButton({ user }: { user: AdminUser }) {
  const [open, setOpen] = useState(false);
  const deactivate = useDeactivateUser();
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) deactivate.reset();
      }}
    >
      <Button variant="outline" size="sm" onClick={() => setOpen(true)} aria-label={`Deactivate ${user.full_name}`}>
        <UserX aria-hidden="true" />
        Deactivate
      </Button>
      <DialogContent role="alertdialog" className="max-w-md">
        <div>
          <DialogTitle>Deactivate {user.full_name}?</DialogTitle>
          <DialogDescription className="mt-1.5">
            {user.email} will be signed out and can no longer sign in. Their history and the leads they own are kept.
          </DialogDescription>
        </div>
        <div role="alert" className="empty:hidden">
          {deactivate.error ? (
            <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
              <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
              <span>{deactivate.error.message}</span>
            </p>
          ) : null}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={deactivate.isPending}
            onClick={() => deactivate.mutate(user.username, { onSuccess: () => setOpen(false) })}
          >
            {deactivate.isPending ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
            Deactivate
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

function RoleCell({
  user,
  editable,
  roles,
  onChange,
  pending,
}: {
  user: AdminUser;
  editable: boolean;
  roles: { value: Role; label: string }[];
  onChange: (role: Role) => void;
  pending: boolean;
}) {
  // A role the editor may not hand out (e.g. super administrator) is shown, not offered.
  if (!editable || !roles.some((role) => role.value === user.role)) return <RoleBadge role={user.role} />;
  return (
    <Select value={user.role} onValueChange={(value) => onChange(value as Role)} disabled={pending}>
      <SelectTrigger className="h-8 w-48" aria-label={`Role for ${user.full_name}`}>
        <SelectValue />
      </SelectTrigger>
      <SelectContent>
        {roles.map((role) => (
          <SelectItem key={role.value} value={role.value}>
            {role.label}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}

function UsersTableSkeleton() {
  return (
    <TableSkeleton
      label="Loading users…"
      rows={8}
      cells={['h-4 w-36', 'h-4 w-48', 'h-5 w-24 rounded-full', 'h-4 w-40', 'h-5 w-16 rounded-full', 'h-4 w-24']}
    />
  );
}

export function UsersPage() {
  const me = useCurrentUser();
  const actions = userActions(me.permissions);
  const roles = assignableRoles(me.role);
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseUserFilters(searchParams), [searchParams]);
  const setFilters = useCallback(
    (next: UserFilters, replace = false) => setSearchParams(userFiltersToSearchParams(next), { replace }),
    [setSearchParams],
  );
  const query = useUsers(filters);
  const update = useUpdateUser();
  const { data, error, isPending, isError, isPlaceholderData, hasNextPage, isFetchingNextPage } = query;
  const users = useMemo(() => data?.pages.flatMap((page) => page.users) ?? [], [data]);
  const total = data?.pages[0]?.total ?? 0;
  const filtered = hasUserFilters(filters);

  let body: ReactNode;
  if (isPending) {
    body = <UsersTableSkeleton />;
  } else if (isError && !data) {
    body = (
      <EmptyState icon={TriangleAlert} tone="danger" title="Users could not be loaded" description={error.message}>
        <Button variant="outline" onClick={() => void query.refetch()}>
          Try again
        </Button>
      </EmptyState>
    );
  } else if (users.length === 0) {
    body = filtered ? (
      <EmptyState icon={SearchX} title="No users match these filters" description="Try a broader search.">
        <Button variant="outline" onClick={() => setFilters(EMPTY_USER_FILTERS)}>
          Clear filters
        </Button>
      </EmptyState>
    ) : (
      <EmptyState icon={ShieldCheck} title="No users yet" description="Create the first account with New user." />
    );
  } else {
    body = (
      <div className="flex min-h-0 flex-1 flex-col">
        <TableScroller data-testid="users-scroll">
          <Table aria-label="Users">
            <TableHeader>
              <TableRow>
                <TableHead scope="col" pinned>
                  Name
                </TableHead>
                <TableHead scope="col">E-mail</TableHead>
                <TableHead scope="col">Role</TableHead>
                <TableHead scope="col">Team</TableHead>
                <TableHead scope="col">Status</TableHead>
                <TableHead scope="col">Last sign-in</TableHead>
                <TableHead scope="col">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.map((user) => {
                const allowed = rowActions(actions, me, user);
                return (
                  <TableRow key={user.id} data-testid={`user-row-${user.email}`}>
                    <TableCell pinned className="font-medium text-foreground-strong">
                      {user.full_name}
                    </TableCell>
                    <TableCell className="text-muted-foreground">{user.email}</TableCell>
                    <TableCell>
                      <RoleCell
                        user={user}
                        editable={allowed.changeRole}
                        roles={roles}
                        pending={update.isPending && update.variables?.username === user.username}
                        onChange={(role) => update.mutate({ username: user.username, role })}
                      />
                    </TableCell>
                    <TableCell>
                      {user.team ? (
                        <>
                          <span className="text-foreground-strong">{user.team.name}</span>
                          {user.department ? (
                            <span className="text-muted-foreground"> · {user.department.name}</span>
                          ) : null}
                        </>
                      ) : user.department ? (
                        user.department.name
                      ) : (
                        <span className="text-muted-foreground">—</span>
                      )}
                    </TableCell>
                    <TableCell>
                      {user.is_active ? (
                        <Badge tone="success">Active</Badge>
                      ) : (
                        <Badge tone="outline">Deactivated</Badge>
                      )}
                    </TableCell>
                    <TableCell>
                      {user.last_login ? <RelativeTime value={user.last_login} /> : <span>Never</span>}
                    </TableCell>
                    <TableCell className="text-right">
                      {allowed.deactivate ? <DeactivateButton user={user} /> : null}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableScroller>
        <div className="flex h-12 shrink-0 items-center justify-between gap-3 border-t border-border bg-[#fafbfc] px-4 text-xs text-muted-foreground">
          <p aria-live="polite">
            Showing <span className="font-medium text-foreground-strong">{formatCount(users.length)}</span> of{' '}
            <span className="font-medium text-foreground-strong">{formatCount(total)}</span>
          </p>
          {hasNextPage ? (
            <Button
              variant="outline"
              size="sm"
              onClick={() => void query.fetchNextPage()}
              disabled={isFetchingNextPage || isPlaceholderData}
            >
              {isFetchingNextPage ? <LoaderCircle className="animate-spin" aria-hidden="true" /> : null}
              {isFetchingNextPage ? 'Loading…' : 'Load more'}
            </Button>
          ) : null}
        </div>
      </div>
    );
  }

  return (
    <div className="flex h-full min-h-[480px] flex-col gap-4 p-6">
      <title>Users & roles · Ivy</title>
      <PageHeader
        title="Users & roles"
        description={
          isPending ? (
            <Skeleton className="mt-1 h-4 w-28" />
          ) : isError && !data ? (
            'Unavailable'
          ) : (
            <span data-testid="users-total" aria-live="polite">
              {pluralise(total, 'user')}
              {filtered ? ' match your filters' : ''}
            </span>
          )
        }
        actions={
          <>
            <LeadSearchField
              label="Search users"
              placeholder="Search name or e-mail"
              value={filters.q}
              onCommit={(q) => setFilters({ ...filters, q }, true)}
            />
            {actions.canCreate ? <NewUserDialog myRole={me.role} /> : null}
          </>
        }
      />
      <UsersFilterBar filters={filters} onChange={(next) => setFilters(next)} />
      <div role="alert" className="empty:hidden">
        {update.error ? (
          <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
            <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
            <span>The role could not be changed: {update.error.message}</span>
          </p>
        ) : null}
      </div>
      <Card
        className={`flex min-h-0 flex-1 flex-col overflow-hidden transition-opacity ${isPlaceholderData ? 'opacity-60' : ''}`}
      >
        {body}
      </Card>
    </div>
  );
}
