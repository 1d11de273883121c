import { useEffect, useRef } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getMe } from '../api/endpoints.ts';
import { useLoad } from '../components/hooks.ts';
import { Dashboard } from './Dashboard.tsx';
import { DeploymentView } from './DeploymentView.tsx';
import { InstanceContext } from './instance.ts';
import { MailPreferencesPanel } from './MailPreferencesPanel.tsx';
import { NewDeploymentForm } from './NewDeploymentForm.tsx';
import { ErrorMessage, Loading, Notice } from './Notice.tsx';
import { useViewRoute } from './useViewRoute.ts';
import { ViewLink } from './ViewLink.tsx';

/** The end-user portal: dashboard, new deployment, deployment detail. No admin sections. */
export function Portal({ instanceId }: { instanceId: string }): JSX.Element {
  const me = useLoad(getMe, 'me');
  const [view, setView] = useViewRoute();
  const top = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  // A new view puts the keyboard focus at its top (not on the first render: the page decides that).
  useEffect(() => {
    if (moved.current) top.current?.focus();
    moved.current = true;
  }, [view]);

  let body: JSX.Element;
  if (me.data === null) {
    body = me.loading ? <Loading /> : <ErrorMessage error={me.error} />;
  } else if (!me.data.rights.includes('portal_access')) {
    body = <Notice>{__('You have no access to the Support Provisioning portal. Ask a user who manages rights to grant it.', 'support-provisioning-portal')}</Notice>;
  } else {
    const mayCreate = me.data.rights.includes('create');
    body = (
      <>
        <nav className="spp-nav" aria-label={__('Support Provisioning portal', 'support-provisioning-portal')}>
          <ViewLink to={{ name: 'dashboard' }} navigate={setView} current={view.name !== 'new'}>
            {__('My deployments', 'support-provisioning-portal')}
          </ViewLink>
          {mayCreate && (
            <ViewLink to={{ name: 'new' }} navigate={setView} current={view.name === 'new'}>
              {__('New deployment', 'support-provisioning-portal')}
            </ViewLink>
          )}
        </nav>
        <div ref={top} tabIndex={-1} className="spp-view" data-view={view.name}>
          {view.name === 'dashboard' && <Dashboard me={me.data} navigate={setView} />}
          {view.name === 'dashboard' && <MailPreferencesPanel />}
          {view.name === 'new' && mayCreate && <NewDeploymentForm navigate={setView} />}
          {view.name === 'detail' && <DeploymentView key={view.id} id={view.id} created={view.created ?? null} me={me.data} navigate={setView} />}
        </div>
      </>
    );
  }
  return <InstanceContext.Provider value={instanceId}>{body}</InstanceContext.Provider>;
}
