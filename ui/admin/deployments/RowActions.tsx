import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { prolongByDayText, useRowActions } from '../../components/rowActions.ts';
import type { Deployment } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

/** Start, stop and prolong by a day from the list row; anything else is on the detail page. */
export function RowActions({ deployment: d, onChange }: { deployment: Deployment; onChange: () => void }): JSX.Element {
  const actions = useRowActions(d, onChange);
  const { allowed, busy, labels } = actions;
  return (
    <div className="spp-row-actions">
      {allowed('start') && (
        <Button variant="secondary" isSmall disabled={busy} onClick={actions.start} aria-label={labels.start}>
          {__('Start', 'support-provisioning-portal')}
        </Button>
      )}
      {allowed('stop') && (
        <Button variant="secondary" isSmall disabled={busy} onClick={actions.stop} aria-label={labels.stop}>
          {__('Stop', 'support-provisioning-portal')}
        </Button>
      )}
      {allowed('prolong') && (
        <Button variant="secondary" isSmall disabled={busy} onClick={actions.prolong} aria-label={labels.prolong}>
          {prolongByDayText()}
        </Button>
      )}
      <ErrorNotice error={actions.error} onDismiss={actions.clear} />
    </div>
  );
}
