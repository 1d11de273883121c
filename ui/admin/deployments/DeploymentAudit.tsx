import { Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { listAuditLogs } from '../../api/endpoints.ts';
import { AuditTable } from '../../components/AuditTable.tsx';
import { href } from '../route.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useLoad } from '../../components/hooks.ts';
import { Pager } from '../../components/Pager.tsx';

/** This deployment's audit trail (shown only to users with manage_all or manage_settings). */
export function DeploymentAudit({ deploymentId }: { deploymentId: number }): JSX.Element {
  const [page, setPage] = useState(1);
  const log = useLoad(() => listAuditLogs({ deployment: deploymentId, page, per_page: 10 }), `${deploymentId}/${page}`);
  return (
    <div className="spp-panel" aria-labelledby="spp-audit-title">
      <h3 id="spp-audit-title">{__('Audit trail', 'support-provisioning-portal')}</h3>
      <ErrorNotice error={log.error} />
      {log.loading && <Spinner />}
      {log.data && <AuditTable entries={log.data.items} deploymentHref={(id) => href('deployments', id)} />}
      {log.data && <Pager page={page} totalPages={log.data.totalPages} total={log.data.total} onPage={setPage} />}
    </div>
  );
}
