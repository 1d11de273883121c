import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { listDeployments } from '../api/endpoints.ts';
import { statuses, type Deployment, type Status } from '../api/types.ts';
import { Countdown } from '../components/Countdown.tsx';
import { useDebounced, useInterval, useLoad } from '../components/hooks.ts';
import { domain, statusLabel, stepLabel } from '../components/labels.ts';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { isBusy, POLL_MS } from '../components/busy.ts';
import { Button } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, Loading } from './Notice.tsx';
import type { Navigate } from './view.ts';
import { ViewLink } from './ViewLink.tsx';

const perPage = 20;

/** The caller's own deployments and those shared with them. */
export function Dashboard({ navigate }: { navigate: Navigate }): JSX.Element {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(1);
  const settledSearch = useDebounced(search.trim());
  const query = { page, per_page: perPage, status, search: settledSearch };
  const list = useLoad(() => listDeployments(query), JSON.stringify(query));
  const items = list.data?.items ?? [];
  // Busy deployments advance on every read: re-reading the list shows their progress.
  useInterval(() => void list.reload(true), items.some(isBusy) ? POLL_MS : null);
  const searchId = useInstanceId('search');
  const statusId = useInstanceId('status');

  return (
    <section className="spp-dashboard">
      <h2>{__('My deployments', domain)}</h2>
      <form className="spp-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <p>
          <label htmlFor={searchId}>{__('Search', domain)}</label>
          <input id={searchId} type="search" value={search} onChange={(event) => { setSearch(event.target.value); setPage(1); }} />
        </p>
        <p>
          <label htmlFor={statusId}>{__('Status', domain)}</label>
          <select id={statusId} value={status} onChange={(event) => { setStatus(event.target.value as Status | ''); setPage(1); }}>
            <option value="">{__('Any status', domain)}</option>
            {statuses.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </select>
        </p>
      </form>
      <ErrorMessage error={list.error} />
      {list.loading && <Loading />}
      {list.data && items.length === 0 && <p>{__('No deployments match.', domain)}</p>}
      {items.length > 0 && <DeploymentTable items={items} navigate={navigate} />}
      {list.data && list.data.totalPages > 1 && (
        <nav className="spp-pager" aria-label={__('Pages', domain)}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>{__('Previous page', domain)}</Button>
          <span aria-current="page">
            {sprintf(/* translators: 1: page, 2: pages */ __('Page %1$d of %2$d', domain), page, list.data.totalPages)}
          </span>
          <Button disabled={page >= list.data.totalPages} onClick={() => setPage(page + 1)}>{__('Next page', domain)}</Button>
        </nav>
      )}
      {list.data && items.length > 0 && (
        <p className="spp-small">
          {sprintf(/* translators: %d: number of deployments */ _n('%d deployment', '%d deployments', list.data.total, domain), list.data.total)}
        </p>
      )}
    </section>
  );
}

function DeploymentTable({ items, navigate }: { items: Deployment[]; navigate: Navigate }): JSX.Element {
  return (
    <table className="spp-table">
      <thead>
        <tr>
          <th scope="col">{__('Name', domain)}</th>
          <th scope="col">{__('Status', domain)}</th>
          <th scope="col">{__('Template', domain)}</th>
          <th scope="col">{__('Expires', domain)}</th>
          <th scope="col">{__('IP addresses', domain)}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((d) => (
          <tr key={d.id} data-deployment={d.id}>
            <th scope="row" data-label={__('Name', domain)}>
              <ViewLink to={{ name: 'detail', id: d.id }} navigate={navigate}>{d.name}</ViewLink>
              {d.sharedWithMe && (
                <span className="spp-tag">
                  {sprintf(/* translators: %s: owner's name */ __('shared by %s', domain), d.ownerName !== '' ? d.ownerName : d.ownerLogin)}
                </span>
              )}
            </th>
            <td data-label={__('Status', domain)}>
              <StatusBadge status={d.status} />
              {isBusy(d) && d.step !== '' && <span className="spp-small spp-block">{stepLabel(d.step)}</span>}
            </td>
            <td data-label={__('Template', domain)}>{d.templateName}</td>
            <td data-label={__('Expires', domain)}><Countdown deployment={d} /></td>
            <td data-label={__('IP addresses', domain)}>{d.ipAddresses.length === 0 ? '—' : d.ipAddresses.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
