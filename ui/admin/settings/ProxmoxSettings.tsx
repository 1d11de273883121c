import { Button, CheckboxControl, SelectControl, Spinner, TextareaControl, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getSettings, saveSettings, testConnection } from '../../api/endpoints.ts';
import type { ConnectionTest, ProxmoxMode, Settings, SettingsInput } from '../../api/types.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';
import { FailedTestDialog } from './FailedTestDialog.tsx';
import { PlacementFields, type PlacementForm } from './PlacementFields.tsx';
import { needsSecretAgain } from './secret-destination.ts';

type Form = Required<Omit<SettingsInput, 'defaultUserRamLimitMb' | 'globalRamLimitMb' | 'defaultUserVmLimit' | 'snapshotLimit' | keyof PlacementForm>> & PlacementForm & {
  defaultUserRamLimitMb: string;
  globalRamLimitMb: string;
  defaultUserVmLimit: string;
  snapshotLimit: string;
};

function formOf(s: Settings): Form {
  return {
    mode: s.mode,
    baseUrl: s.baseUrl,
    tokenId: s.tokenId,
    tokenSecret: '',
    node: s.node,
    caCertificate: s.caCertificate,
    defaultUserRamLimitMb: String(s.defaultUserRamLimitMb),
    globalRamLimitMb: String(s.globalRamLimitMb),
    defaultUserVmLimit: String(s.defaultUserVmLimit),
    snapshotLimit: String(s.snapshotLimit),
    placementPolicy: s.placementPolicy,
    placementNode: s.placementNode,
    placementNodes: s.placementNodes,
    nodeReserveMb: String(s.nodeReserveMb),
    nodeReserves: s.nodeReserves,
    deleteDataOnUninstall: s.deleteDataOnUninstall,
  };
}

function inputOf(form: Form): SettingsInput {
  return {
    ...form,
    defaultUserRamLimitMb: Number(form.defaultUserRamLimitMb),
    globalRamLimitMb: Number(form.globalRamLimitMb),
    defaultUserVmLimit: Number(form.defaultUserVmLimit),
    snapshotLimit: Number(form.snapshotLimit),
    nodeReserveMb: Number(form.nodeReserveMb),
  };
}

export function ProxmoxSettings(): JSX.Element {
  const settings = useLoad(getSettings, 'settings');
  const [form, setForm] = useState<Form | null>(null);
  const save = useAction();
  const test = useAction();
  const [saved, setSaved] = useState('');
  const [result, setResult] = useState<ConnectionTest | null>(null);
  /** The form values the shown test result is for. */
  const [testedFor, setTestedFor] = useState('');
  const [asking, setAsking] = useState(false);

  useEffect(() => {
    if (settings.data) setForm(formOf(settings.data));
  }, [settings.data]);

  if (!settings.data || !form) {
    return settings.loading ? <Spinner /> : <ErrorNotice error={settings.error} />;
  }
  const stored = settings.data;
  const set = (changes: Partial<Form>): void => {
    setForm({ ...form, ...changes });
    setSaved('');
  };
  const error = save.error ?? test.error;
  const field = (name: keyof Form): JSX.Element => <FieldError error={error} field={name} />;

  const failedTest = result !== null && !result.ok && testedFor === JSON.stringify(inputOf(form)) ? result : null;
  const store = (): void => {
    setAsking(false);
    void save.run(() => saveSettings(inputOf(form))).then((answer) => {
      if (!answer) return;
      settings.setData(answer);
      setSaved(failedTest
        ? __('Settings saved, although the connection test failed.', 'support-provisioning-portal')
        : __('Settings saved.', 'support-provisioning-portal'));
    });
  };
  const onSave = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    // Values that just failed the connection test are saved only when confirmed.
    if (failedTest) {
      setAsking(true);
      return;
    }
    store();
  };
  const onTest = (): void => {
    setResult(null);
    const tested = inputOf(form);
    void test.run(() => testConnection(tested)).then((answer) => {
      if (!answer) return;
      setResult(answer);
      setTestedFor(JSON.stringify(tested));
    });
  };

  return (
    <section aria-labelledby="spp-settings-title">
      <h2 id="spp-settings-title">{__('Proxmox Settings', 'support-provisioning-portal')}</h2>
      <form onSubmit={onSave} className="spp-settings">
        <SelectControl
          label={__('Mode', 'support-provisioning-portal')}
          value={form.mode}
          onChange={(mode: string) => set({ mode: mode as ProxmoxMode })}
          options={[
            { value: 'mock', label: __('Mock (no Proxmox needed: for trying the portal out)', 'support-provisioning-portal') },
            { value: 'http', label: __('Proxmox VE API over HTTPS', 'support-provisioning-portal') },
          ]}
        />
        {field('mode')}
        <TextControl
          label={__('Base URL', 'support-provisioning-portal')}
          type="url"
          value={form.baseUrl}
          onChange={(baseUrl: string) => set({ baseUrl })}
          placeholder="https://pve.example.com:8006"
        />
        {field('baseUrl')}
        <TextControl
          label={__('API token ID', 'support-provisioning-portal')}
          value={form.tokenId}
          onChange={(tokenId: string) => set({ tokenId })}
          placeholder="portal@pve!provisioning"
        />
        {field('tokenId')}
        <TextControl
          label={__('API token secret', 'support-provisioning-portal')}
          type="password"
          autoComplete="new-password"
          value={form.tokenSecret}
          onChange={(tokenSecret: string) => set({ tokenSecret })}
          help={needsSecretAgain(stored, form)
            ? __('You changed the host, the token ID or the CA certificate: enter the token secret again. The saved secret is only sent where it was saved for.', 'support-provisioning-portal')
            : stored.tokenSecretFromConstant
            ? __('The secret comes from a constant in wp-config.php; enter it here only to change the host, the token ID or the CA certificate.', 'support-provisioning-portal')
            : stored.tokenSecretSet
              ? __('A secret is stored (it is never shown). Leave this empty to keep it.', 'support-provisioning-portal')
              : __('No secret is stored yet.', 'support-provisioning-portal')}
        />
        {field('tokenSecret')}
        <TextControl label={__('Node', 'support-provisioning-portal')} value={form.node} onChange={(node: string) => set({ node })} />
        {field('node')}
        <TextareaControl
          label={__('CA certificate (PEM, optional)', 'support-provisioning-portal')}
          value={form.caCertificate}
          onChange={(caCertificate: string) => set({ caCertificate })}
          help={__('For a Proxmox server with a self-signed certificate: paste the CA that signed it.', 'support-provisioning-portal')}
          rows={4}
        />
        {field('caCertificate')}
        <TextControl
          label={__('Default RAM limit per user (MB)', 'support-provisioning-portal')}
          type="number"
          min={0}
          value={form.defaultUserRamLimitMb}
          onChange={(defaultUserRamLimitMb: string) => set({ defaultUserRamLimitMb })}
          help={__('0 means unlimited. User Rights can override it per user.', 'support-provisioning-portal')}
        />
        {field('defaultUserRamLimitMb')}
        <TextControl
          label={__('Global RAM limit (MB)', 'support-provisioning-portal')}
          type="number"
          min={0}
          value={form.globalRamLimitMb}
          onChange={(globalRamLimitMb: string) => set({ globalRamLimitMb })}
          help={__('The most RAM all deployments together may hold. 0 means unlimited.', 'support-provisioning-portal')}
        />
        {field('globalRamLimitMb')}
        <TextControl
          label={__('Default VM limit per user', 'support-provisioning-portal')}
          type="number"
          min={0}
          value={form.defaultUserVmLimit}
          onChange={(defaultUserVmLimit: string) => set({ defaultUserVmLimit })}
          help={__('How many deployments holding a VM on Proxmox, expired ones included, each user may have. 0 means unlimited. User Rights can override it per user.', 'support-provisioning-portal')}
        />
        {field('defaultUserVmLimit')}
        <TextControl
          label={__('Snapshots per deployment', 'support-provisioning-portal')}
          type="number"
          min={0}
          value={form.snapshotLimit}
          onChange={(snapshotLimit: string) => set({ snapshotLimit })}
          help={__('How many snapshots users may take of one deployment, beside the baseline that reset to clean returns to. 0 means none.', 'support-provisioning-portal')}
        />
        {field('snapshotLimit')}
        <PlacementFields form={form} set={set} field={field} />
        <CheckboxControl
          label={__('Delete all portal data when the plugin is uninstalled', 'support-provisioning-portal')}
          checked={form.deleteDataOnUninstall}
          onChange={(deleteDataOnUninstall: boolean) => set({ deleteDataOnUninstall })}
        />
        <ErrorNotice error={error} onDismiss={() => (save.error ? save.clear() : test.clear())} />
        <div className="spp-actions">
          <Button variant="primary" type="submit" isBusy={save.busy} disabled={save.busy}>
            {__('Save settings', 'support-provisioning-portal')}
          </Button>
          <Button variant="secondary" onClick={onTest} isBusy={test.busy} disabled={test.busy}>
            {__('Test connection', 'support-provisioning-portal')}
          </Button>
        </div>
        <p role="status" aria-live="polite" className="spp-action-result">{saved}</p>
        {asking && failedTest && <FailedTestDialog result={failedTest} onConfirm={store} onCancel={() => setAsking(false)} />}
      </form>
      <ConnectionResult result={result} />
    </section>
  );
}

function ConnectionResult({ result }: { result: ConnectionTest | null }): JSX.Element {
  return (
    <div aria-live="polite" className="spp-connection">
      {result && (
        <>
          <h3>
            {result.ok
              ? __('Connection test passed', 'support-provisioning-portal')
              : __('Connection test failed', 'support-provisioning-portal')}
          </h3>
          <p className="spp-muted">{__('The test used the values in the form; nothing was saved.', 'support-provisioning-portal')}</p>
          <ul className="spp-checks">
            {result.checks.map((check) => (
              <li key={check.name} className={check.ok ? 'is-ok' : 'is-failed'}>
                <strong>{check.ok ? __('OK', 'support-provisioning-portal') : __('Failed', 'support-provisioning-portal')}</strong> <code>{check.name}</code>{' '}
                {check.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
