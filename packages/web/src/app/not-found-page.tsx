import { Compass } from 'lucide-react';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';

export function NotFoundPage() {
  return (
    <div className="mx-auto max-w-3xl p-6">
      <title>Page not found · Ivy</title>
      <Card>
        <EmptyState
          icon={Compass}
          title="Page not found"
          description="There is nothing at this address. It may have moved, or the link may be mistyped."
        >
          <Button asChild>
            <Link to="/leads">Go to leads</Link>
          </Button>
        </EmptyState>
      </Card>
    </div>
  );
}
