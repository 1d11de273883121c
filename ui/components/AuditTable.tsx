import { __ } from '@wordpress/i18n';
import type { AuditEntry } from '../api/types.ts';
import { formatDateTime } from './labels.ts';

function resultLabel(result: AuditEntry['result']): string {
  return { success: __('success', 'support-provisioning-portal'), denied: __('denied', 'support-provisioning-portal'), error: __('error', 'support-provisioning-portal') }[result];
}

export function AuditTable({ entries }: { entries: AuditEntry[] }): JSX.Element {
  if (entries.length === 0) return <p>{__('No audit entries match.', 'support-provisioning-portal')}</p>;
  return (
    <table className="widefat striped spp-table spp-audit">
      <thead>
        <tr>
          <th scope="col">{__('When', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Who', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Action', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Object', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Deployment', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Result', 'support-provisioning-portal')}</th>
          <th scope="col">{__('Details', 'support-provisioning-portal')}</th>
          <th scope="col">{__('IP', 'support-provisioning-portal')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label={__('When', 'support-provisioning-portal')}>
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </td>
            <td data-label={__('Who', 'support-provisioning-portal')}>{entry.actorId === 0 ? __('system', 'support-provisioning-portal') : entry.actorLogin}</td>
            <td data-label={__('Action', 'support-provisioning-portal')}>
              <code>{entry.action}</code>
            </td>
            <td data-label={__('Object', 'support-provisioning-portal')}>{`${entry.objectType} ${entry.objectId}`.trim()}</td>
            <td data-label={__('Deployment', 'support-provisioning-portal')}>{entry.deploymentId ?? '—'}</td>
            <td data-label={__('Result', 'support-provisioning-portal')}>
              <span className={`spp-result spp-result--${entry.result}`}>{resultLabel(entry.result)}</span>
            </td>
            <td data-label={__('Details', 'support-provisioning-portal')} className="spp-details">
              {Object.keys(entry.details).length === 0 ? '—' : <code>{JSON.stringify(entry.details)}</code>}
            </td>
            <td data-label={__('IP', 'support-provisioning-portal')}>{entry.ip}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
