import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { statuses, type Deployment, type Me, type Status } from '../api/types.ts';
import { ownerShortName } from '../components/deploymentText.ts';
import { DeploymentTable, detailColumns, statusColumn, type Column } from '../components/DeploymentTable.tsx';
import { useDebounced } from '../components/hooks.ts';
import { statusLabel } from '../components/labels.ts';
import { useDeploymentList } from '../components/useDeploymentList.ts';
import { createFirstText, emptyListText } from '../components/emptyList.ts';
import { ListQuota } from '../components/ListQuota.tsx';
import { RowActions } from './RowActions.tsx';
import { Button } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ExpiryBanner } from './ExpiryBanner.tsx';
import { ErrorMessage, Loading } from './Notice.tsx';
import type { Navigate } from './view.ts';
import { ViewLink } from './ViewLink.tsx';

const perPage = 20;

/** The caller's own deployments and those shared with them. */
export function Dashboard({ me, navigate }: { me: Me; navigate: Navigate }): JSX.Element {
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status | ''>('');
  const [page, setPage] = useState(1);
  const settledSearch = useDebounced(search.trim());
  const query = { page, per_page: perPage, status, search: settledSearch };
  const list = useDeploymentList(query);
  const { items } = list;
  const searchId = useInstanceId('search');
  const statusId = useInstanceId('status');

  return (
    <section className="spp-dashboard">
      <h2>{__('My deployments', 'support-provisioning-portal')}</h2>
      <form className="spp-filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <p>
          <label htmlFor={searchId}>{__('Search', 'support-provisioning-portal')}</label>
          <input id={searchId} type="search" value={search} onChange={(event) => { setSearch(event.target.value); setPage(1); }} />
        </p>
        <p>
          <label htmlFor={statusId}>{__('Status', 'support-provisioning-portal')}</label>
          <select id={statusId} value={status} onChange={(event) => { setStatus(event.target.value as Status | ''); setPage(1); }}>
            <option value="">{__('Any status', 'support-provisioning-portal')}</option>
            {statuses.map((s) => <option key={s} value={s}>{statusLabel(s)}</option>)}
          </select>
        </p>
      </form>
      <ExpiryBanner items={items} navigate={navigate} />
      <ListQuota me={me} version={String(list.data?.total ?? '')} />
      <ErrorMessage error={list.error} />
      {list.loading && <Loading />}
      {list.data && items.length === 0 && (
        <div className="spp-empty">
          <p>{emptyListText(settledSearch !== '' || status !== '', me.rights.includes('create'))}</p>
          {settledSearch === '' && status === '' && me.rights.includes('create') && (
            <p><ViewLink to={{ name: 'new' }} navigate={navigate}>{createFirstText()}</ViewLink></p>
          )}
        </div>
      )}
      {items.length > 0 && <Table items={items} navigate={navigate} onChange={() => void list.reload(true)} />}
      {list.data && list.data.totalPages > 1 && (
        <nav className="spp-pager" aria-label={__('Pages', 'support-provisioning-portal')}>
          <Button disabled={page <= 1} onClick={() => setPage(page - 1)}>{__('Previous page', 'support-provisioning-portal')}</Button>
          <span aria-current="page">
            {sprintf(/* translators: 1: page, 2: pages */ __('Page %1$d of %2$d', 'support-provisioning-portal'), page, list.data.totalPages)}
          </span>
          <Button disabled={page >= list.data.totalPages} onClick={() => setPage(page + 1)}>{__('Next page', 'support-provisioning-portal')}</Button>
        </nav>
      )}
      {list.data && items.length > 0 && (
        <p className="spp-small">
          {sprintf(/* translators: %d: number of deployments */ _n('%d deployment', '%d deployments', list.data.total, 'support-provisioning-portal'), list.data.total)}
        </p>
      )}
    </section>
  );
}

function Table({ items, navigate, onChange }: { items: Deployment[]; navigate: Navigate; onChange: () => void }): JSX.Element {
  const columns: Column[] = [
    {
      label: __('Name', 'support-provisioning-portal'),
      rowHeader: true,
      cell: (d) => (
        <>
          <ViewLink to={{ name: 'detail', id: d.id }} navigate={navigate}>{d.name}</ViewLink>
          {d.sharedWithMe && (
            <span className="spp-tag">
              {sprintf(/* translators: %s: owner's name */ __('shared by %s', 'support-provisioning-portal'), ownerShortName(d))}
            </span>
          )}
        </>
      ),
    },
    statusColumn('spp-small spp-block'),
    ...detailColumns(),
    { label: __('Quick actions', 'support-provisioning-portal'), cell: (d) => <RowActions deployment={d} onChange={onChange} /> },
  ];
  return <DeploymentTable items={items} columns={columns} className="spp-table" />;
}
