import { Button, Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { checkDrift, getDrift } from '../../api/endpoints.ts';
import type { DriftReport, Me } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { DriftDeployments } from './DriftDeployments.tsx';
import { Orphans } from './Orphans.tsx';

/**
 * What differs between the portal's deployments and the cluster (docs/decisions/drift.md): the
 * last check's findings, a check now, and one action per finding. A row acted on stays, saying
 * what was done, until the next check.
 */
export function Drift({ me }: { me: Me }): JSX.Element {
  const report = useLoad(getDrift, 'drift');
  const check = useAction();
  const mayDelete = me.rights.includes('delete');
  const runCheck = (): void => void check.run(checkDrift).then((answer) => answer && report.reload(true));

  return (
    <section aria-labelledby="spp-drift-title" className="spp-drift">
      <h2 id="spp-drift-title">{__('Drift', 'support-provisioning-portal')}</h2>
      <p>
        {__('Compares the deployments with the cluster: VMs with the portal\'s marker but no deployment, deployments whose VM is gone or was changed by hand, and VMs running after their expiry. The check runs every few minutes; every action proves its case again first.', 'support-provisioning-portal')}
      </p>
      <div className="spp-inline-form">
        <Button variant="secondary" onClick={runCheck} disabled={check.busy} isBusy={check.busy}>
          {__('Check now', 'support-provisioning-portal')}
        </Button>
        {report.data && <CheckedAt report={report.data} />}
      </div>
      <ErrorNotice error={check.error} onDismiss={check.clear} />
      <ErrorNotice error={report.error} />
      {report.loading && report.data === null && <Spinner />}
      {report.data && (
        <>
          {!report.data.complete && report.data.checkedAt !== null && (
            <Notice status="warning" isDismissible={false}>
              {__('The last check stopped at its limit (time, config reads or findings) before it had looked at everything; the next one goes on where it stopped.', 'support-provisioning-portal')}
            </Notice>
          )}
          <Orphans orphans={report.data.orphans} foreign={report.data.foreignMarkers} mayDelete={mayDelete} />
          <DriftDeployments findings={report.data.deployments} mayDelete={mayDelete} />
        </>
      )}
    </section>
  );
}

function CheckedAt({ report }: { report: DriftReport }): JSX.Element {
  if (report.checkedAt === null) return <span>{__('Not checked yet.', 'support-provisioning-portal')}</span>;
  return (
    <span className="spp-drift-checked">
      {sprintf(/* translators: %s: date and time of the last check */ __('Last checked: %s', 'support-provisioning-portal'), new Date(report.checkedAt).toLocaleString())}
    </span>
  );
}
