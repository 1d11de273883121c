import { Notice, Spinner } from '@wordpress/components';
import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getMe } from '../api/endpoints.ts';
import type { Me, RightKey } from '../api/types.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { useLoad } from '../components/hooks.ts';
import { href, useRoute, type Section } from './route.ts';
import { AuditLog } from './audit/AuditLog.tsx';
import { Reports } from './reports/Reports.tsx';
import { Drift } from './drift/Drift.tsx';
import { DeploymentDetail } from './deployments/DeploymentDetail.tsx';
import { DeploymentList } from './deployments/DeploymentList.tsx';
import { NewDeployment } from './deployments/NewDeployment.tsx';
import { UserRights } from './rights/UserRights.tsx';
import { ProxmoxSettings } from './settings/ProxmoxSettings.tsx';
import { TicketLinksSettings } from './settings/TicketLinksSettings.tsx';
import { HandoverSettings } from './settings/HandoverSettings.tsx';
import { MailSettingsSection } from './settings/MailSettingsSection.tsx';
import { Templates } from './templates/Templates.tsx';

interface SectionSpec {
  section: Section;
  label: string;
  /** The caller needs every right of one of these sets. */
  needs: RightKey[][];
}

function sectionSpecs(): SectionSpec[] {
  return [
    { section: 'deployments', label: __('Deployments', 'support-provisioning-portal'), needs: [['portal_access']] },
    { section: 'new', label: __('New deployment', 'support-provisioning-portal'), needs: [['portal_access', 'create']] },
    { section: 'templates', label: __('Templates', 'support-provisioning-portal'), needs: [['manage_templates']] },
    { section: 'settings', label: __('Proxmox Settings', 'support-provisioning-portal'), needs: [['manage_settings']] },
    { section: 'rights', label: __('User Rights', 'support-provisioning-portal'), needs: [['manage_rights']] },
    { section: 'audit', label: __('Audit log', 'support-provisioning-portal'), needs: [['manage_all'], ['manage_settings']] },
    { section: 'reports', label: __('Reports', 'support-provisioning-portal'), needs: [['manage_all'], ['manage_settings']] },
    { section: 'drift', label: __('Drift', 'support-provisioning-portal'), needs: [['portal_access', 'manage_all']] },
  ];
}

export function App(): JSX.Element {
  const me = useLoad(getMe, 'me');
  if (me.loading && me.data === null) return <Spinner />;
  if (me.data === null) return <ErrorNotice error={me.error} />;
  return <Sections me={me.data} reloadMe={() => void me.reload(true)} />;
}

function Sections({ me, reloadMe }: { me: Me; reloadMe: () => void }): JSX.Element {
  const route = useRoute();
  const heading = useRef<HTMLDivElement>(null);
  const visible = sectionSpecs().filter((spec) => spec.needs.some((set) => set.every((right) => me.rights.includes(right))));
  const current = visible.find((spec) => spec.section === route.section) ?? visible[0];

  // Moving between sections puts the keyboard focus at the top of the new one.
  useEffect(() => {
    heading.current?.focus();
  }, [route.section, route.deploymentId]);

  if (current === undefined) {
    return (
      <Notice status="warning" isDismissible={false}>
        {__('You hold no Support Provisioning rights. Ask a user who manages rights to grant you access.', 'support-provisioning-portal')}
      </Notice>
    );
  }
  return (
    <>
      <nav className="nav-tab-wrapper spp-tabs" aria-label={__('Support Provisioning sections', 'support-provisioning-portal')}>
        {visible.map((spec) => (
          <a
            key={spec.section}
            href={href(spec.section)}
            className={`nav-tab${spec === current ? ' nav-tab-active' : ''}`}
            aria-current={spec === current ? 'page' : undefined}
          >
            {spec.label}
          </a>
        ))}
      </nav>
      <div ref={heading} tabIndex={-1} className="spp-section" data-section={current.section}>
        {current.section === 'deployments' && route.deploymentId !== null && (
          <DeploymentDetail id={route.deploymentId} me={me} />
        )}
        {current.section === 'deployments' && route.deploymentId === null && <DeploymentList me={me} />}
        {current.section === 'new' && <NewDeployment />}
        {current.section === 'templates' && <Templates />}
        {current.section === 'settings' && <ProxmoxSettings />}
        {current.section === 'settings' && <TicketLinksSettings />}
        {current.section === 'settings' && <HandoverSettings />}
        {current.section === 'settings' && <MailSettingsSection />}
        {current.section === 'rights' && <UserRights me={me} onMeChanged={reloadMe} />}
        {current.section === 'audit' && <AuditLog me={me} />}
        {current.section === 'reports' && <Reports />}
        {current.section === 'drift' && <Drift me={me} />}
      </div>
    </>
  );
}
