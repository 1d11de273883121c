import { Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getHandoverSettings, saveHandoverSettings } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useSettingsForm } from '../../components/useSettingsForm.ts';
import { SettingsSaveRow } from './SettingsSaveRow.tsx';

/** The orphan owner: who receives a deleted user's deployments when nobody was chosen. */
export function HandoverSettings(): JSX.Element {
  const { loaded, save, saved, touched, submit } = useSettingsForm(getHandoverSettings, 'handover');
  const [owner, setOwner] = useState('');
  useEffect(() => {
    if (loaded.data) setOwner(loaded.data.orphanOwnerLogin ?? '');
  }, [loaded.data]);

  return (
    <section aria-labelledby="spp-handover-title" className="spp-handover-settings">
      <h2 id="spp-handover-title">{__('Deleted users', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && <Spinner />}
      {loaded.data && (
        <form onSubmit={submit(() => saveHandoverSettings(owner.trim()))}>
          <TextControl
            label={__('Orphan owner (login or email)', 'support-provisioning-portal')}
            value={owner}
            onChange={(value: string) => { touched(); setOwner(value); }}
            help={__("Receives a deleted user's deployments when the delete screen names nobody to attribute them to. Empty: the user who deletes receives them.", 'support-provisioning-portal')}
          />
          <SettingsSaveRow
            save={save}
            saved={saved}
            savedText={__('Orphan owner saved.', 'support-provisioning-portal')}
            buttonText={__('Save orphan owner', 'support-provisioning-portal')}
          />
        </form>
      )}
    </section>
  );
}
