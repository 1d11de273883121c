import { Button, Notice, SelectControl, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import type { BulkAction, BulkResult, DeploymentQuery } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction } from '../../components/hooks.ts';
import { statusLabel } from '../../components/labels.ts';
import { allMatching, runInChunks } from './runInChunks.ts';
import type { Selection } from './useSelection.ts';

interface Props {
  selection: Selection;
  /** The list's filter, for "select all matching". */
  query: DeploymentQuery;
  /** How many deployments the filter matches. */
  total: number;
  pageIds: number[];
  /** The list changed: load it again. */
  onDone: () => void;
}

function actionLabels(): Record<BulkAction, string> {
  return {
    stop: __('Stop', 'support-provisioning-portal'),
    prolong: __('Prolong', 'support-provisioning-portal'),
    delete: __('Delete', 'support-provisioning-portal'),
    transfer: __('Hand over', 'support-provisioning-portal'),
  };
}

/** Stop, prolong, delete or hand over the selected deployments, with one result per deployment. */
export function BulkActions({ selection, query, total, pageIds, onDone }: Props): JSX.Element {
  const [action, setAction] = useState<BulkAction>('stop');
  const [hours, setHours] = useState('24');
  const [to, setTo] = useState('');
  const [results, setResults] = useState<BulkResult[]>([]);
  const work = useAction();
  const count = selection.ids.length;
  const labels = actionLabels();
  const extra = action === 'prolong' ? { hours: Number(hours) } : action === 'transfer' ? { to: to.trim() } : {};
  const incomplete = (action === 'prolong' && !(Number(hours) >= 1)) || (action === 'transfer' && to.trim() === '');

  const apply = (): void => {
    setResults([]);
    void work.run(async () => {
      await runInChunks(action, selection.ids, extra, (more) => setResults((done) => [...done, ...more]));
      selection.clear();
    }).finally(onDone);
  };
  const selectAll = (): void => {
    void work.run(async () => selection.set(await allMatching(query)));
  };
  const succeeded = results.filter((r) => r.ok).length;

  return (
    <div className="spp-bulk" role="region" aria-label={__('Bulk actions', 'support-provisioning-portal')}>
      <p className="spp-bulk-count">
        {sprintf(/* translators: %d: number of deployments */ _n('%d deployment selected', '%d deployments selected', count, 'support-provisioning-portal'), count)}
      </p>
      <div className="spp-actions">
        <Button variant="secondary" onClick={() => selection.set(pageIds)} disabled={pageIds.length === 0}>
          {__('Select this page', 'support-provisioning-portal')}
        </Button>
        <Button variant="secondary" onClick={selectAll} disabled={total === 0 || work.busy}>
          {sprintf(/* translators: %d: number of deployments the filter matches */ __('Select all %d matching', 'support-provisioning-portal'), total)}
        </Button>
        <Button variant="tertiary" onClick={selection.clear} disabled={count === 0}>
          {__('Clear selection', 'support-provisioning-portal')}
        </Button>
      </div>
      <div className="spp-inline-form">
        <SelectControl
          label={__('Bulk action', 'support-provisioning-portal')}
          value={action}
          onChange={(value: string) => setAction(value as BulkAction)}
          options={(Object.keys(labels) as BulkAction[]).map((value) => ({ value, label: labels[value] }))}
        />
        {action === 'prolong' && (
          <TextControl label={__('Hours', 'support-provisioning-portal')} type="number" min={1} value={hours} onChange={setHours} />
        )}
        {action === 'transfer' && (
          <TextControl label={__('New owner (login or email)', 'support-provisioning-portal')} value={to} onChange={setTo} autoComplete="off" />
        )}
        <ConfirmButton
          label={sprintf(/* translators: 1: action, 2: number of deployments */ __('%1$s %2$d', 'support-provisioning-portal'), labels[action], count)}
          title={sprintf(
            /* translators: 1: action, 2: number of deployments */
            _n('%1$s %2$d deployment?', '%1$s %2$d deployments?', count, 'support-provisioning-portal'),
            labels[action],
            count,
          )}
          message={__('Each deployment is checked on its own: those your rights, their status or a quota do not allow are left as they are and listed with the reason.', 'support-provisioning-portal')}
          disabled={count === 0 || incomplete || work.busy}
          isDestructive={action === 'delete'}
          onConfirm={apply}
        />
      </div>
      <ErrorNotice error={work.error} onDismiss={work.clear} />
      {results.length > 0 && (
        <>
          <Notice status={succeeded === results.length ? 'success' : 'warning'} isDismissible={false}>
            {sprintf(/* translators: 1: done, 2: refused */ __('%1$d done, %2$d refused.', 'support-provisioning-portal'), succeeded, results.length - succeeded)}
          </Notice>
          <table className="widefat striped spp-bulk-results">
            <thead>
              <tr>
                <th scope="col">{__('Deployment', 'support-provisioning-portal')}</th>
                <th scope="col">{__('Result', 'support-provisioning-portal')}</th>
              </tr>
            </thead>
            <tbody>
              {results.map((r) => (
                <tr key={r.id} data-result={r.ok ? 'ok' : 'refused'}>
                  <td>#{r.id}</td>
                  <td>{r.ok ? resultText(r) : r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

function resultText(r: BulkResult): string {
  return r.status === undefined ? __('Done', 'support-provisioning-portal')
    : sprintf(/* translators: 1: status, 2: owner login */ __('%1$s, owned by %2$s', 'support-provisioning-portal'), statusLabel(r.status), r.ownerLogin ?? '');
}
