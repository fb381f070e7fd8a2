import {
  BrainCircuit,
  ChartLine,
  LayoutDashboard,
  ListChecks,
  LockKeyhole,
  type LucideIcon,
  MessageSquareText,
  ScrollText,
  Shapes,
  ShieldCheck,
  SlidersHorizontal,
  Users,
} from 'lucide-react';

export type NavItem = {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to users with at least one of these permissions; open to everyone when missing. */
  anyPermission?: string[];
  /** Set for areas not built yet: what the page will do, shown on its "coming in a later release" page. */
  comingSoon?: { title: string; description: string; capabilities: string[] };
};

export type NavSection = { label: string | null; items: NavItem[] };

export const NAV_SECTIONS: NavSection[] = [
  {
    label: null,
    items: [
      { to: '/leads', label: 'Leads', icon: Users },
      {
        to: '/dashboards',
        label: 'Dashboards',
        icon: LayoutDashboard,
        comingSoon: {
          title: 'Dashboards',
          description: 'A live view of the admissions funnel for your courses and intakes.',
          capabilities: [
            'Funnel from enquiry to enrolment, by course, campus and source',
            'Progress against course capacity for each intake',
            'Cost per enrolment by source and month',
          ],
        },
      },
      { to: '/privacy', label: 'Privacy', icon: LockKeyhole, anyPermission: ['pii_gdpr_report'] },
    ],
  },
  {
    label: 'AI',
    items: [
      { to: '/ai/triage', label: 'Triage', icon: ListChecks, anyPermission: ['ai_lead_scoring'] },
      { to: '/ai/ml-studio', label: 'ML Studio', icon: BrainCircuit, anyPermission: ['ai_analytics'] },
      { to: '/ai/forecasts', label: 'Forecasts', icon: ChartLine, anyPermission: ['ai_analytics'] },
      {
        to: '/ai/personas',
        label: 'Personas',
        icon: Shapes,
        comingSoon: {
          title: 'Personas & cohorts',
          description: 'Groups of similar leads, and how each group converts.',
          capabilities: [
            'Personas found by clustering engagement and profile data',
            'Cohort conversion and engagement compared over time',
            'Outreach suggestions per cohort',
          ],
        },
      },
      {
        to: '/ai/ask',
        label: 'Ask Ivy',
        icon: MessageSquareText,
        comingSoon: {
          title: 'Ask Ivy',
          description: 'Questions about your leads in plain English.',
          capabilities: [
            'Natural-language queries turned into filters you can check',
            'A chat assistant that answers from your CRM data',
            'Personal data redacted before anything reaches a language model',
          ],
        },
      },
    ],
  },
  {
    label: 'Admin',
    items: [
      {
        to: '/admin/users',
        label: 'Users & Roles',
        icon: ShieldCheck,
        anyPermission: ['role_manage', 'user_create'],
      },
      {
        to: '/admin/audit',
        label: 'Audit log',
        icon: ScrollText,
        anyPermission: ['audit_logs'],
      },
      {
        to: '/admin/triage-settings',
        label: 'Scoring & forecast',
        icon: SlidersHorizontal,
        anyPermission: ['system_config'],
      },
    ],
  },
];

/** The sections and items a user with `permissions` may see; sections left empty are dropped. */
export function visibleNavSections(sections: NavSection[], permissions: readonly string[]): NavSection[] {
  const granted = new Set(permissions);
  return sections
    .map((section) => ({
      ...section,
      items: section.items.filter((item) => !item.anyPermission || item.anyPermission.some((p) => granted.has(p))),
    }))
    .filter((section) => section.items.length > 0);
}
