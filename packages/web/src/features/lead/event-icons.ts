import {
  CalendarCheck,
  FileText,
  Globe,
  LogIn,
  type LucideIcon,
  Mail,
  MailOpen,
  MousePointerClick,
  Phone,
  SquareCheck,
  StickyNote,
  Users,
} from 'lucide-react';
import type { ActivityType, EngagementType } from '@/lib/vocabulary';

/** Icon and soft colour per engagement type, so a timeline reads at a glance. */
export const EVENT_STYLE: Record<EngagementType, { icon: LucideIcon; className: string }> = {
  email_open: { icon: MailOpen, className: 'bg-info-soft text-info-soft-foreground' },
  email_click: { icon: MousePointerClick, className: 'bg-info-soft text-info-soft-foreground' },
  web_visit: { icon: Globe, className: 'bg-muted text-secondary-foreground' },
  portal_login: { icon: LogIn, className: 'bg-violet-soft text-violet-soft-foreground' },
  event_attended: { icon: CalendarCheck, className: 'bg-success-soft text-success-soft-foreground' },
  call: { icon: Phone, className: 'bg-warning-soft text-warning-soft-foreground' },
  meeting: { icon: Users, className: 'bg-success-soft text-success-soft-foreground' },
  form_submit: { icon: FileText, className: 'bg-primary-soft text-primary-soft-foreground' },
};

export const ACTIVITY_ICON: Record<ActivityType, LucideIcon> = {
  note: StickyNote,
  call: Phone,
  email: Mail,
  meeting: Users,
  task: SquareCheck,
};
