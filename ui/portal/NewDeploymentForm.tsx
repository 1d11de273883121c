import { __ } from '@wordpress/i18n';
import type { Template } from '../api/types.ts';
import { FieldError } from '../components/FieldError.tsx';
import { QuotaMeter } from '../components/QuotaMeter.tsx';
import { TicketInputs } from '../components/TicketFields.tsx';
import { templateSpecs, useNewDeployment } from '../components/useNewDeployment.ts';
import { Button } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, Loading } from './Notice.tsx';
import type { Navigate } from './view.ts';

export function NewDeploymentForm({ navigate }: { navigate: Navigate }): JSX.Element {
  const form = useNewDeployment((created) => navigate({ name: 'detail', id: created.id, created }));
  const { templates, quota, submit, template, neverExpire } = form;
  const nameId = useInstanceId('name');
  const hoursId = useInstanceId('hours');
  const lifetimeName = useInstanceId('lifetime');

  return (
    <section className="spp-new">
      <h2>{__('New deployment', 'support-provisioning-portal')}</h2>
      <ErrorMessage error={templates.error} />
      {templates.loading && <Loading />}
      {templates.data?.length === 0 && <p>{__('No approved templates yet. A template manager must import one first.', 'support-provisioning-portal')}</p>}
      {templates.data && templates.data.length > 0 && (
        <form onSubmit={form.onSubmit}>
          <fieldset>
            <legend>{__('Template', 'support-provisioning-portal')}</legend>
            {templates.data.map((t) => (
              <TemplateChoice key={t.id} template={t} selected={t.id === form.templateId} onSelect={() => form.setTemplateId(t.id)} />
            ))}
            <FieldError error={submit.error} field="templateId" />
          </fieldset>
          <p>
            <label htmlFor={nameId}>{__('Name (optional)', 'support-provisioning-portal')}</label>
            <input id={nameId} type="text" value={form.name} maxLength={190} aria-describedby={`${nameId}-help`} onChange={(event) => form.setName(event.target.value)} />
            <span id={`${nameId}-help`} className="spp-small spp-block">{__('At most 190 characters. Left empty, the portal names it after the template and you.', 'support-provisioning-portal')}</span>
          </p>
          <FieldError error={submit.error} field="name" />
          <TicketInputs values={form.ticket} onChange={form.setTicket} ticketRequired={form.ticketRequired} error={submit.error} idPrefix={`${nameId}-case`} />
          <fieldset>
            <legend>{__('Lifetime', 'support-provisioning-portal')}</legend>
            <label className="spp-choice">
              <input type="radio" name={lifetimeName} checked={!neverExpire} onChange={() => form.setNeverExpire(false)} />{' '}
              {__('Expire after a number of hours', 'support-provisioning-portal')}
            </label>
            <label className="spp-choice">
              <input type="radio" name={lifetimeName} checked={neverExpire} onChange={() => form.setNeverExpire(true)} />{' '}
              {__('Never expire', 'support-provisioning-portal')}
            </label>
          </fieldset>
          {!neverExpire && (
            <p>
              <label htmlFor={hoursId}>{__('Hours until it expires', 'support-provisioning-portal')}</label>
              <input
                id={hoursId}
                type="number"
                min={1}
                max={template?.maxTtlHours}
                value={form.hoursShown}
                aria-describedby={`${hoursId}-help`}
                onChange={(event) => form.setHours(event.target.value)}
              />
              <span id={`${hoursId}-help`} className="spp-small spp-block">
                {form.hoursHelp}
              </span>
            </p>
          )}
          {form.hoursProblem && <p className="spp-field-error" role="alert">{form.hoursProblem}</p>}
          <FieldError error={submit.error} field="ttlHours" />
          <ErrorMessage error={quota.error} />
          {quota.data && <QuotaMeter quota={quota.data} requestedMb={template?.memoryMb ?? 0} />}
          <ErrorMessage error={submit.error} onDismiss={submit.clear} />
          <p>
            <Button primary type="submit" disabled={!form.canSubmit}>
              {submit.busy ? __('Creating…', 'support-provisioning-portal') : __('Create deployment', 'support-provisioning-portal')}
            </Button>
          </p>
          {!template && <p className="spp-small">{__('Choose a template to continue.', 'support-provisioning-portal')}</p>}
        </form>
      )}
    </section>
  );
}

function TemplateChoice({ template: t, selected, onSelect }: { template: Template; selected: boolean; onSelect: () => void }): JSX.Element {
  const group = useInstanceId('template');
  return (
    <label className={`spp-choice spp-template${selected ? ' is-selected' : ''}`}>
      <input type="radio" name={group} checked={selected} onChange={onSelect} />{' '}
      <strong>{t.name}</strong>
      <span className="spp-small spp-block">
        {templateSpecs(t)}
      </span>
      {t.description !== '' && <span className="spp-small spp-block">{t.description}</span>}
    </label>
  );
}
