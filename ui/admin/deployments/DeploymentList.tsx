import { SelectControl, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { statuses, type Deployment, type Me, type Status } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { ownerShortName } from '../../components/deploymentText.ts';
import { DeploymentTable, detailColumns, statusColumn, type Column } from '../../components/DeploymentTable.tsx';
import { useDebounced } from '../../components/hooks.ts';
import { statusLabel } from '../../components/labels.ts';
import { Pager } from '../../components/Pager.tsx';
import { href } from '../route.ts';
import { BulkActions } from '../bulk/BulkActions.tsx';
import { selectColumn } from '../bulk/selectColumn.tsx';
import { useSelection, type Selection } from '../bulk/useSelection.ts';
import { useDeploymentList } from '../../components/useDeploymentList.ts';

type Scope = 'visible' | 'mine';

export function DeploymentList({ me }: { me: Me }): JSX.Element {
  const [status, setStatus] = useState<Status | ''>('');
  const [search, setSearch] = useState('');
  const [scope, setScope] = useState<Scope>('visible');
  const [perPage, setPerPage] = useState(20);
  const [page, setPage] = useState(1);
  const seesAll = me.rights.includes('manage_all');
  const settledSearch = useDebounced(search.trim());
  const query = {
    page,
    per_page: perPage,
    status,
    search: settledSearch,
    ...(seesAll && scope === 'mine' ? { owner: me.id } : {}),
  };
  const list = useDeploymentList(query);
  const { items } = list;
  const selection = useSelection();

  const filtered = <T,>(set: (value: T) => void) => (value: T): void => {
    set(value);
    setPage(1);
  };

  return (
    <section aria-labelledby="spp-deployments-title">
      <h2 id="spp-deployments-title">{__('Deployments', 'support-provisioning-portal')}</h2>
      <p>
        {seesAll
          ? __('Every deployment on this site: you may view and manage all of them.', 'support-provisioning-portal')
          : __('Your deployments and those shared with you.', 'support-provisioning-portal')}
      </p>
      <div className="spp-filters" role="search">
        <TextControl label={__('Search', 'support-provisioning-portal')} value={search} onChange={filtered(setSearch)} help={__('Name, owner or template', 'support-provisioning-portal')} />
        <SelectControl
          label={__('Status', 'support-provisioning-portal')}
          value={status}
          onChange={filtered((value: string) => setStatus(value as Status | ''))}
          options={[{ value: '', label: __('Any status', 'support-provisioning-portal') }, ...statuses.map((s) => ({ value: s, label: statusLabel(s) }))]}
        />
        {seesAll && (
          <SelectControl
            label={__('Owner', 'support-provisioning-portal')}
            value={scope}
            onChange={filtered((value: string) => setScope(value as Scope))}
            options={[
              { value: 'visible', label: __("Everyone's", 'support-provisioning-portal') },
              { value: 'mine', label: __('Only mine', 'support-provisioning-portal') },
            ]}
          />
        )}
        <SelectControl
          label={__('Per page', 'support-provisioning-portal')}
          value={String(perPage)}
          onChange={filtered((value: string) => setPerPage(Number(value)))}
          options={[10, 20, 50, 100].map((n) => ({ value: String(n), label: String(n) }))}
        />
      </div>
      <ErrorNotice error={list.error} />
      {list.loading && <Spinner />}
      {list.data && items.length === 0 && <p>{__('No deployments match.', 'support-provisioning-portal')}</p>}
      {items.length > 0 && <Table items={items} selection={selection} />}
      {list.data && (
        <Pager page={page} totalPages={list.data.totalPages} total={list.data.total} onPage={setPage} />
      )}
      {list.data && (
        <BulkActions
          selection={selection}
          query={{ status, search: settledSearch, ...(seesAll && scope === 'mine' ? { owner: me.id } : {}) }}
          total={list.data.total}
          pageIds={items.map((d) => d.id)}
          onDone={() => void list.reload(true)}
        />
      )}
    </section>
  );
}

function Table({ items, selection }: { items: Deployment[]; selection: Selection }): JSX.Element {
  const columns: Column[] = [
    selectColumn(selection),
    {
      label: __('Name', 'support-provisioning-portal'),
      cell: (d) => (
        <>
          <a href={href('deployments', d.id)}>{d.name}</a>
          {d.sharedWithMe && <span className="spp-tag">{__('Shared with you', 'support-provisioning-portal')}</span>}
        </>
      ),
    },
    statusColumn('spp-step'),
    { label: __('Owner', 'support-provisioning-portal'), cell: ownerShortName },
    ...detailColumns(),
  ];
  const caption = (
    <caption className="screen-reader-text">
      {sprintf(/* translators: %d: number of rows */ __('Deployments, %d shown', 'support-provisioning-portal'), items.length)}
    </caption>
  );
  return <DeploymentTable items={items} columns={columns} className="widefat striped spp-table" caption={caption} />;
}
