import { Link, NavLink, Outlet } from 'react-router';
import { cn } from '@/lib/utils';
import { HealthIndicator } from './health-indicator';
import { NAV_SECTIONS, visibleNavSections } from './navigation';
import { useCurrentUser } from './require-auth';
import { UserMenu } from './user-menu';

function Sidebar() {
  const { permissions } = useCurrentUser();
  const sections = visibleNavSections(NAV_SECTIONS, permissions);
  return (
    <nav
      aria-label="Main"
      className="flex w-16 shrink-0 flex-col gap-5 overflow-y-auto border-r border-border bg-card px-3 py-4 xl:w-56"
    >
      {sections.map((section) => (
        <div key={section.label ?? 'main'}>
          {section.label ? (
            <h2 className="mb-1 px-2.5 text-[11px] font-semibold tracking-wider text-muted-foreground uppercase max-xl:sr-only">
              {section.label}
            </h2>
          ) : null}
          <ul className="flex flex-col gap-0.5">
            {section.items.map((item) => (
              <li key={item.to}>
                <NavLink
                  to={item.to}
                  title={item.label}
                  className={({ isActive }) =>
                    cn(
                      'group relative flex h-9 items-center gap-2.5 rounded-md px-2.5 text-sm font-medium transition-colors',
                      isActive
                        ? 'bg-primary-soft text-primary-soft-foreground'
                        : 'text-foreground hover:bg-muted hover:text-foreground-strong',
                    )
                  }
                >
                  {({ isActive }) => (
                    <>
                      {isActive ? (
                        <span
                          aria-hidden="true"
                          className="absolute top-1.5 bottom-1.5 -left-3 w-1 rounded-r bg-primary"
                        />
                      ) : null}
                      <item.icon
                        className={cn('size-4 shrink-0', isActive ? 'text-primary' : 'text-muted-foreground')}
                        aria-hidden="true"
                      />
                      <span className="flex-1 truncate max-xl:sr-only">{item.label}</span>
                      {item.comingSoon ? (
                        <span className="rounded bg-muted px-1.5 py-px text-[10px] font-medium text-muted-foreground group-hover:bg-card max-xl:sr-only">
                          Soon
                        </span>
                      ) : null}
                    </>
                  )}
                </NavLink>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}

function TopBar() {
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 bg-chrome px-4 text-chrome-foreground">
      <Link
        to="/leads"
        className="flex items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
      >
        <span
          aria-hidden="true"
          className="flex size-8 items-center justify-center rounded-lg bg-primary text-base font-bold text-primary-foreground shadow-sm"
        >
          I
        </span>
        <span className="text-lg font-semibold tracking-tight">Ivy</span>
        <span className="hidden text-sm text-chrome-muted sm:inline">Admissions</span>
      </Link>
      <div className="flex-1" />
      <HealthIndicator />
      <UserMenu />
    </header>
  );
}

/** The app shell: top bar, sidebar navigation and the routed page. */
export function AppLayout() {
  return (
    <div className="flex h-dvh flex-col">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-card px-3 py-2 text-sm font-medium text-foreground-strong focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <TopBar />
      <div className="flex min-h-0 flex-1">
        <Sidebar />
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 overflow-y-auto focus:outline-none">
          <Outlet />
        </main>
      </div>
    </div>
  );
}
