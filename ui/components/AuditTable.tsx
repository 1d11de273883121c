import { __ } from '@wordpress/i18n';
import type { AuditEntry } from '../api/types.ts';
import { domain, formatDateTime } from './labels.ts';

function resultLabel(result: AuditEntry['result']): string {
  return { success: __('success', domain), denied: __('denied', domain), error: __('error', domain) }[result];
}

export function AuditTable({ entries }: { entries: AuditEntry[] }): JSX.Element {
  if (entries.length === 0) return <p>{__('No audit entries match.', domain)}</p>;
  return (
    <table className="widefat striped spp-table spp-audit">
      <thead>
        <tr>
          <th scope="col">{__('When', domain)}</th>
          <th scope="col">{__('Who', domain)}</th>
          <th scope="col">{__('Action', domain)}</th>
          <th scope="col">{__('Object', domain)}</th>
          <th scope="col">{__('Deployment', domain)}</th>
          <th scope="col">{__('Result', domain)}</th>
          <th scope="col">{__('Details', domain)}</th>
          <th scope="col">{__('IP', domain)}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td data-label={__('When', domain)}>
              <time dateTime={entry.createdAt}>{formatDateTime(entry.createdAt)}</time>
            </td>
            <td data-label={__('Who', domain)}>{entry.actorId === 0 ? __('system', domain) : entry.actorLogin}</td>
            <td data-label={__('Action', domain)}>
              <code>{entry.action}</code>
            </td>
            <td data-label={__('Object', domain)}>{`${entry.objectType} ${entry.objectId}`.trim()}</td>
            <td data-label={__('Deployment', domain)}>{entry.deploymentId ?? '—'}</td>
            <td data-label={__('Result', domain)}>
              <span className={`spp-result spp-result--${entry.result}`}>{resultLabel(entry.result)}</span>
            </td>
            <td data-label={__('Details', domain)} className="spp-details">
              {Object.keys(entry.details).length === 0 ? '—' : <code>{JSON.stringify(entry.details)}</code>}
            </td>
            <td data-label={__('IP', domain)}>{entry.ip}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
