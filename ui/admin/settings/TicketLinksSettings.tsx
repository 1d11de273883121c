import { Button, Notice, Spinner, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { getTicketLinks, saveTicketLinks } from '../../api/endpoints.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { FieldError } from '../../components/FieldError.tsx';
import { useAction, useLoad } from '../../components/hooks.ts';

/** The ticket URL pattern that turns ticket references into links to the tracker. */
export function TicketLinksSettings(): JSX.Element {
  const loaded = useLoad(getTicketLinks, 'ticket-links');
  const save = useAction();
  const [pattern, setPattern] = useState('');
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (loaded.data) setPattern(loaded.data.ticketUrlPattern);
  }, [loaded.data]);

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    setSaved(false);
    void save.run(() => saveTicketLinks({ ticketUrlPattern: pattern.trim() })).then((answer) => {
      if (answer) {
        loaded.setData(answer);
        setSaved(true);
      }
    });
  };

  return (
    <section aria-labelledby="spp-ticket-links-title" className="spp-ticket-links">
      <h2 id="spp-ticket-links-title">{__('Ticket links', 'support-provisioning-portal')}</h2>
      <ErrorNotice error={loaded.error} />
      {loaded.loading && <Spinner />}
      {loaded.data && (
        <form onSubmit={onSubmit}>
          <TextControl
            label={__('Ticket URL pattern', 'support-provisioning-portal')}
            value={pattern}
            onChange={(value: string) => { setSaved(false); setPattern(value); }}
            help={__('An https:// or http:// address with {ticket} where the reference goes, for example https://tracker.example/browse/{ticket}. Empty: references are shown as plain text.', 'support-provisioning-portal')}
          />
          <FieldError error={save.error} field="ticketUrlPattern" />
          <ErrorNotice error={save.error} onDismiss={save.clear} />
          {saved && <Notice status="success" isDismissible={false}>{__('Ticket links saved.', 'support-provisioning-portal')}</Notice>}
          <Button variant="primary" type="submit" isBusy={save.busy} aria-disabled={save.busy}>
            {__('Save ticket links', 'support-provisioning-portal')}
          </Button>
        </form>
      )}
    </section>
  );
}
