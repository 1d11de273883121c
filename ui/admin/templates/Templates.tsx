import { Button, CheckboxControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { listTemplates, retireTemplate } from '../../api/endpoints.ts';
import type { Template } from '../../api/types.ts';
import { ConfirmButton } from '../../components/ConfirmButton.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { domain, formatHours, formatMb } from '../../components/labels.ts';
import { ImportTemplates } from './ImportTemplates.tsx';
import { TemplateEditor } from './TemplateEditor.tsx';

export function Templates(): JSX.Element {
  const templates = useLoad(() => listTemplates(true), 'templates');
  const retire = useAction();
  const [showRetired, setShowRetired] = useState(false);
  const [editing, setEditing] = useState<Template | null>(null);
  const [notice, setNotice] = useState('');
  const shown = (templates.data ?? []).filter((t) => showRetired || t.active);

  const changed = (message: string): void => {
    setNotice(message);
    void templates.reload(true);
  };

  return (
    <section aria-labelledby="spp-templates-title">
      <h2 id="spp-templates-title">{__('Templates', domain)}</h2>
      <p>{__('Users can only deploy approved templates. The policy values here decide the size and lifetime of every new deployment.', domain)}</p>
      <CheckboxControl label={__('Show retired templates', domain)} checked={showRetired} onChange={setShowRetired} />
      <ErrorNotice error={templates.error} />
      <ErrorNotice error={retire.error} onDismiss={retire.clear} />
      <p role="status" aria-live="polite" className="spp-action-result">{notice}</p>
      {templates.loading && <Spinner />}
      {templates.data && shown.length === 0 && <p>{__('No templates.', domain)}</p>}
      {shown.length > 0 && (
        <table className="widefat striped spp-table">
          <thead>
            <tr>
              <th scope="col">{__('Name', domain)}</th>
              <th scope="col">{__('Proxmox VM', domain)}</th>
              <th scope="col">{__('Size', domain)}</th>
              <th scope="col">{__('Lifetime', domain)}</th>
              <th scope="col">{__('State', domain)}</th>
              <th scope="col">{__('Actions', domain)}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((t) => (
              <tr key={t.id} data-template={t.id}>
                <td data-label={__('Name', domain)}>
                  <strong>{t.name}</strong>
                  {t.description !== '' && <div className="spp-muted">{t.description}</div>}
                </td>
                <td data-label={__('Proxmox VM', domain)}>
                  {sprintf(/* translators: 1: VMID, 2: node */ __('%1$d on %2$s', domain), t.proxmoxVmid, t.node)} ({t.osType})
                </td>
                <td data-label={__('Size', domain)}>
                  {sprintf(
                    /* translators: 1: CPU cores, 2: RAM, 3: disk GB */
                    __('%1$d CPU · %2$s RAM · %3$d GB disk', domain),
                    t.cpuCores,
                    formatMb(t.memoryMb),
                    t.diskGb,
                  )}
                </td>
                <td data-label={__('Lifetime', domain)}>
                  {sprintf(
                    /* translators: 1: default lifetime, 2: maximum lifetime */
                    __('default %1$s, max %2$s', domain),
                    formatHours(t.defaultTtlHours),
                    formatHours(t.maxTtlHours),
                  )}
                  {t.startAfterCreate && <div className="spp-muted">{__('Starts after creation', domain)}</div>}
                </td>
                <td data-label={__('State', domain)}>{t.active ? __('Approved', domain) : __('Retired', domain)}</td>
                <td data-label={__('Actions', domain)} className="spp-actions">
                  <Button variant="secondary" isSmall onClick={() => setEditing(t)}>
                    {__('Edit', domain)}
                    <span className="screen-reader-text"> {t.name}</span>
                  </Button>
                  {t.active && (
                    <ConfirmButton
                      label={__('Retire', domain)}
                      title={__('Retire this template?', domain)}
                      message={sprintf(
                        /* translators: %s: template name */
                        __('“%s” will no longer be offered for new deployments. Existing deployments keep running; you can import it again later.', domain),
                        t.name,
                      )}
                      disabled={retire.busy}
                      onConfirm={() => void retire.run(() => retireTemplate(t.id)).then((done) => {
                        if (done) changed(sprintf(/* translators: %s: template name */ __('“%s” retired.', domain), done.name));
                      })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <TemplateEditor
          template={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            changed(sprintf(/* translators: %s: template name */ __('“%s” saved.', domain), saved.name));
          }}
        />
      )}
      <ImportTemplates onImported={(t) => changed(sprintf(/* translators: %s: template name */ __('“%s” imported and approved.', domain), t.name))} />
    </section>
  );
}
