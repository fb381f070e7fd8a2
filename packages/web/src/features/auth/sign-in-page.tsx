import { LoaderCircle, TriangleAlert } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useHealth } from '@/app/use-health';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { isApiError } from '@/lib/api';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, roleLabel, safeNext } from './me';
import { useMe, useSignIn } from './use-auth';

function DemoAccounts({ onPick }: { onPick: (email: string) => void }) {
  return (
    <section aria-labelledby="demo-accounts" className="mt-4 rounded-lg border border-dashed border-border bg-card p-4">
      <h2 id="demo-accounts" className="text-xs font-semibold text-foreground-strong">
        Demo accounts
      </h2>
      <p className="mt-0.5 text-xs text-muted-foreground">
        Password <code className="font-mono text-foreground-strong">{DEMO_PASSWORD}</code>. Choose one to fill in the
        form.
      </p>
      <ul className="mt-2 flex flex-col gap-0.5">
        {DEMO_ACCOUNTS.map((account) => (
          <li key={account.email}>
            <button
              type="button"
              onClick={() => onPick(account.email)}
              className="flex w-full cursor-pointer items-center justify-between gap-3 rounded-md px-2 py-1.5 text-left text-xs hover:bg-muted focus-visible:outline-2 focus-visible:outline-ring"
            >
              <span className="font-mono text-foreground-strong">{account.email}</span>
              <span className="text-muted-foreground">{roleLabel(account.role)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The sign-in page, outside the app layout; returns to `?next=` (a path on this site) afterwards. */
export function SignInPage() {
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get('next'));
  const navigate = useNavigate();
  const me = useMe();
  const health = useHealth();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();

  // Already signed in (e.g. the page was bookmarked): carry on.
  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => void navigate(next, { replace: true }) });
  };

  const error = signIn.error;
  const message = error ? (isApiError(error) ? error.message : 'Signing in failed. Please try again.') : null;
  const wrongCredentials = isApiError(error) && error.status === 401;

  return (
    <div className="flex min-h-dvh flex-col items-center justify-center bg-background px-4 py-10">
      <title>Sign in · Ivy</title>
      <main className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <span
            aria-hidden="true"
            className="flex size-11 items-center justify-center rounded-xl bg-primary text-xl font-bold text-primary-foreground shadow-sm"
          >
            I
          </span>
          <div>
            <h1 className="text-xl font-semibold tracking-tight text-foreground-strong">Sign in to Ivy</h1>
            <p className="mt-1 text-sm text-muted-foreground">Admissions CRM</p>
          </div>
        </div>
        <Card className="p-6">
          <form onSubmit={onSubmit} className="flex flex-col gap-4">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="sign-in-email">E-mail</Label>
              <Input
                id="sign-in-email"
                name="email"
                type="email"
                autoComplete="username"
                inputMode="email"
                required
                autoFocus
                value={email}
                onChange={(event) => setEmail(event.target.value)}
                aria-invalid={wrongCredentials || undefined}
                aria-describedby={message ? errorId : undefined}
              />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="sign-in-password">Password</Label>
              <Input
                id="sign-in-password"
                name="password"
                type="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(event) => setPassword(event.target.value)}
                aria-invalid={wrongCredentials || undefined}
                aria-describedby={message ? errorId : undefined}
              />
            </div>
            <div id={errorId} role="alert" className="empty:hidden">
              {message ? (
                <p className="flex items-start gap-2 rounded-md bg-primary-soft px-3 py-2 text-sm text-primary-soft-foreground">
                  <TriangleAlert className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
                  <span>{message}</span>
                </p>
              ) : null}
            </div>
            <Button type="submit" size="lg" className="w-full" disabled={signIn.isPending}>
              {signIn.isPending ? (
                <>
                  <LoaderCircle className="animate-spin motion-reduce:animate-none" aria-hidden="true" />
                  Signing in…
                </>
              ) : (
                'Sign in'
              )}
            </Button>
          </form>
        </Card>
        {health.data?.mode === 'demo' ? (
          <DemoAccounts
            onPick={(pick) => {
              setEmail(pick);
              setPassword(DEMO_PASSWORD);
              signIn.reset();
            }}
          />
        ) : null}
      </main>
    </div>
  );
}
