import { __ } from '@wordpress/i18n';
import { prolongByDayText, rowActionLabels } from '../components/rowActions.ts';
import type { Deployment } from '../api/types.ts';
import { useDeploymentActions } from '../components/useDeploymentActions.ts';
import { Button } from './Buttons.tsx';
import { ErrorMessage } from './Notice.tsx';

/** Start, stop and prolong by a day from the list row; anything else is on the detail view. */
export function RowActions({ deployment: d, onChange }: { deployment: Deployment; onChange: () => void }): JSX.Element {
  const actions = useDeploymentActions(d, onChange, onChange);
  const { allowed, busy } = actions;
  const labels = rowActionLabels(d);
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
