import { Button, Spinner, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';
import { listAuditLogs } from '../../api/endpoints.ts';
import type { AuditQuery, Me } from '../../api/types.ts';
import { AuditTable } from '../../components/AuditTable.tsx';
import { hasAny } from '../access.ts';
import { href } from '../route.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useDebounced, useLoad } from '../../components/hooks.ts';
import { Pager } from '../../components/Pager.tsx';
import { downloadCsv } from '../../components/csv.ts';
import { allEntries } from './csv.ts';
import { toCsv } from './csvText.ts';

interface Filters {
  actor: string;
  action: string;
  deployment: string;
  /** yyyy-mm-dd, the browser's local day */
  from: string;
  to: string;
}

const empty: Filters = { actor: '', action: '', deployment: '', from: '', to: '' };

/** The filters as the API takes them: whole local days become UTC instants. */
function queryOf(filters: Filters): AuditQuery {
  const day = (value: string, end: boolean): string | undefined =>
    value === '' ? undefined : new Date(`${value}T${end ? '23:59:59' : '00:00:00'}`).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    actor: filters.actor.trim() || undefined,
    action: filters.action.trim() || undefined,
    deployment: /^\d+$/.test(filters.deployment.trim()) ? Number(filters.deployment.trim()) : undefined,
    after: day(filters.from, false),
    before: day(filters.to, true),
  };
}

/** `me`: deployment names link to their page only for those who may open every deployment (manage_all). */
export function AuditLog({ me }: { me: Me }): JSX.Element {
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const settled = useDebounced(filters);
  const query = queryOf(settled);
  const log = useLoad(() => listAuditLogs({ ...query, page, per_page: 20 }), JSON.stringify([query, page]));
  const exporter = useAction();
  const deploymentInvalid = filters.deployment.trim() !== '' && !/^\d+$/.test(filters.deployment.trim());

  const set = (changes: Partial<Filters>): void => {
    setFilters({ ...filters, ...changes });
    setPage(1);
  };
  const onExport = (): void => {
    void exporter.run(() => allEntries(query)).then((entries) => {
      if (entries) downloadCsv(`audit-log-${new Date().toISOString().slice(0, 10)}.csv`, toCsv(entries));
    });
  };

  return (
    <section aria-labelledby="spp-audit-log-title">
      <h2 id="spp-audit-log-title">{__('Audit log', 'support-provisioning-portal')}</h2>
      <p>{__('One entry per change anyone made, allowed or refused, and everything the system did on its own. Entries are never edited or removed.', 'support-provisioning-portal')}</p>
      <div className="spp-filters" role="search">
        <TextControl label={__('Actor (login or user ID)', 'support-provisioning-portal')} value={filters.actor} onChange={(actor: string) => set({ actor })} />
        <TextControl
          label={__('Action', 'support-provisioning-portal')}
          value={filters.action}
          onChange={(action: string) => set({ action })}
          help={__('For example deployment.create', 'support-provisioning-portal')}
        />
        <TextControl
          label={__('Deployment ID', 'support-provisioning-portal')}
          value={filters.deployment}
          onChange={(deployment: string) => set({ deployment })}
          inputMode="numeric"
        />
        <TextControl label={__('From', 'support-provisioning-portal')} type="date" value={filters.from} onChange={(from: string) => set({ from })} />
        <TextControl label={__('To', 'support-provisioning-portal')} type="date" value={filters.to} onChange={(to: string) => set({ to })} />
      </div>
      {deploymentInvalid && (
        <p className="spp-field-error" role="alert">{__('A deployment ID is a number; this filter is ignored until it is one.', 'support-provisioning-portal')}</p>
      )}
      <div className="spp-actions">
        <Button variant="secondary" onClick={() => set(empty)}>
          {__('Clear filters', 'support-provisioning-portal')}
        </Button>
        <Button variant="secondary" onClick={onExport} isBusy={exporter.busy} disabled={exporter.busy}>
          {__('Export CSV', 'support-provisioning-portal')}
        </Button>
      </div>
      <ErrorNotice error={exporter.error} onDismiss={exporter.clear} />
      <ErrorNotice error={log.error} />
      {log.loading && <Spinner />}
      {log.data && (
        <>
          <p className="screen-reader-text" role="status">
            {sprintf(/* translators: %d: number of entries */ _n('%d entry matches.', '%d entries match.', log.data.total, 'support-provisioning-portal'), log.data.total)}
          </p>
          <AuditTable entries={log.data.items} deploymentHref={hasAny(me, 'manage_all') ? (id) => href('deployments', id) : undefined} />
          <Pager page={page} totalPages={log.data.totalPages} total={log.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}
