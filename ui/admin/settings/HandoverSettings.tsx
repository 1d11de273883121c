import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getHandoverSettings, saveHandoverSettings } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';

/** The orphan owner: who receives a deleted user's deployments when nobody was chosen. */
export function HandoverSettings(): JSX.Element {
  const loaded = useLoad(getHandoverSettings, 'handover');
  const save = useAction();
  const [owner, setOwner] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setOwner(loaded.data.orphanOwnerLogin ?? '');
  }, [loaded.data]);

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    setSaved(false);
    void save.run(() => saveHandoverSettings(owner.trim())).then((answer) => {
      if (answer) {
        loaded.setData(answer);
        setSaved(true);
      }
    });
  };

  return (
    <section aria-labelledby="spp-handover-title" className="spp-handover-settings">
      <h2 id="spp-handover-title">{__('Deleted users', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && <Spinner />}
      {loaded.data && (
        <form onSubmit={onSubmit}>
          <TextControl
            label={__('Orphan owner (login or email)', 'support-provisioning-portal')}
            value={owner}
            onChange={(value: string) => { setSaved(false); setOwner(value); }}
            help={__("Receives a deleted user's deployments when the delete screen names nobody to attribute them to. Empty: the user who deletes receives them.", 'support-provisioning-portal')}
          />
          <ErrorNotice error={save.error} onDismiss={save.clear} />
          {saved && <Notice status="success" isDismissible={false}>{__('Orphan owner saved.', 'support-provisioning-portal')}</Notice>}
          <Button variant="primary" type="submit" isBusy={save.busy} aria-disabled={save.busy}>
            {__('Save orphan owner', 'support-provisioning-portal')}
          </Button>
        </form>
      )}
    </section>
  );
}
