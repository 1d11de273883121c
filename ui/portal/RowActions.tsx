import { __ } from '@wordpress/i18n';
import { prolongByDayText, useRowActions } from '../components/rowActions.ts';
import type { Deployment } from '../api/types.ts';
import { Button } from './Buttons.tsx';
import { ErrorMessage } from './Notice.tsx';

/** Start, stop and prolong by a day from the list row; anything else is on the detail view. */
export function RowActions({ deployment: d, onChange }: { deployment: Deployment; onChange: () => void }): JSX.Element {
  const actions = useRowActions(d, onChange);
  const { allowed, busy, labels } = actions;
  return (
    <span className="spp-row-actions">
      {allowed('start') && <Button className="spp-button--small" disabled={busy} onClick={actions.start} aria-label={labels.start}>{__('Start', 'support-provisioning-portal')}</Button>}
      {allowed('stop') && <Button className="spp-button--small" disabled={busy} onClick={actions.stop} aria-label={labels.stop}>{__('Stop', 'support-provisioning-portal')}</Button>}
      {allowed('prolong') && (
        <Button className="spp-button--small" disabled={busy} onClick={actions.prolong} aria-label={labels.prolong}>
          {prolongByDayText()}
        </Button>
      )}
      <ErrorMessage error={actions.error} onDismiss={actions.clear} />
    </span>
  );
}
