import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { createDeployment, getQuota, listTemplates } from '../api/endpoints.ts';
import type { Template } from '../api/types.ts';
import { useAction, useLoad } from '../components/hooks.ts';
import { domain, formatHours, formatMb } from '../components/labels.ts';
import { QuotaMeter, quotaShortfall } from '../components/QuotaMeter.tsx';
import { Button } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, FieldMessage, Loading } from './Notice.tsx';
import type { Navigate } from './view.ts';

export function NewDeploymentForm({ navigate }: { navigate: Navigate }): JSX.Element {
  const templates = useLoad(() => listTemplates(), 'templates');
  const quota = useLoad(getQuota, 'quota');
  const submit = useAction();
  const [templateId, setTemplateId] = useState<number | null>(null);
  const [name, setName] = useState('');
  const [neverExpire, setNeverExpire] = useState(false);
  const [hours, setHours] = useState('');
  const nameId = useInstanceId('name');
  const hoursId = useInstanceId('hours');
  const lifetimeName = useInstanceId('lifetime');

  const template = templates.data?.find((t) => t.id === templateId) ?? null;
  const hoursValue = hours === '' && template ? template.defaultTtlHours : Number(hours);
  const hoursProblem = template && !neverExpire && !(Number.isInteger(hoursValue) && hoursValue >= 1 && hoursValue <= template.maxTtlHours)
    ? sprintf(/* translators: %d: maximum hours */ __('Enter a whole number of hours from 1 to %d.', domain), template.maxTtlHours)
    : null;
  const shortfall = template && quota.data ? quotaShortfall(quota.data, template.memoryMb) : null;

  const onSubmit = (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (!template || hoursProblem || shortfall) return;
    void submit
      .run(() => createDeployment({
        templateId: template.id,
        name: name.trim(),
        ...(neverExpire ? { neverExpire: true } : { ttlHours: hoursValue }),
      }))
      .then((created) => {
        if (created) navigate({ name: 'detail', id: created.id, created });
      });
  };

  return (
    <section className="spp-new">
      <h2>{__('New deployment', domain)}</h2>
      <ErrorMessage error={templates.error} />
      {templates.loading && <Loading />}
      {templates.data?.length === 0 && <p>{__('No approved templates yet. A template manager must import one first.', domain)}</p>}
      {templates.data && templates.data.length > 0 && (
        <form onSubmit={onSubmit}>
          <fieldset>
            <legend>{__('Template', domain)}</legend>
            {templates.data.map((t) => (
              <TemplateChoice key={t.id} template={t} selected={t.id === templateId} onSelect={() => setTemplateId(t.id)} />
            ))}
            <FieldMessage error={submit.error} field="templateId" />
          </fieldset>
          <p>
            <label htmlFor={nameId}>{__('Name (optional)', domain)}</label>
            <input id={nameId} type="text" value={name} maxLength={190} aria-describedby={`${nameId}-help`} onChange={(event) => setName(event.target.value)} />
            <span id={`${nameId}-help`} className="spp-small spp-block">{__('Left empty, the portal names it after you and the template.', domain)}</span>
          </p>
          <FieldMessage error={submit.error} field="name" />
          <fieldset>
            <legend>{__('Lifetime', domain)}</legend>
            <label className="spp-choice">
              <input type="radio" name={lifetimeName} checked={!neverExpire} onChange={() => setNeverExpire(false)} />{' '}
              {__('Expire after a number of hours', domain)}
            </label>
            <label className="spp-choice">
              <input type="radio" name={lifetimeName} checked={neverExpire} onChange={() => setNeverExpire(true)} />{' '}
              {__('Never expire', domain)}
            </label>
          </fieldset>
          {!neverExpire && (
            <p>
              <label htmlFor={hoursId}>{__('Hours until it expires', domain)}</label>
              <input
                id={hoursId}
                type="number"
                min={1}
                max={template?.maxTtlHours}
                value={hours === '' && template ? String(template.defaultTtlHours) : hours}
                aria-describedby={`${hoursId}-help`}
                onChange={(event) => setHours(event.target.value)}
              />
              <span id={`${hoursId}-help`} className="spp-small spp-block">
                {template
                  ? sprintf(/* translators: 1: default, 2: maximum */ __('Default %1$s, at most %2$s.', domain), formatHours(template.defaultTtlHours), formatHours(template.maxTtlHours))
                  : __('Choose a template first.', domain)}
              </span>
            </p>
          )}
          {hoursProblem && <p className="spp-field-error" role="alert">{hoursProblem}</p>}
          <FieldMessage error={submit.error} field="ttlHours" />
          <ErrorMessage error={quota.error} />
          {quota.data && <QuotaMeter quota={quota.data} requestedMb={template?.memoryMb ?? 0} />}
          <ErrorMessage error={submit.error} onDismiss={submit.clear} />
          <p>
            <Button primary type="submit" disabled={submit.busy || !template || hoursProblem !== null || shortfall !== null}>
              {submit.busy ? __('Creating…', domain) : __('Create deployment', domain)}
            </Button>
          </p>
          {!template && <p className="spp-small">{__('Choose a template to continue.', domain)}</p>}
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
        {sprintf(
          /* translators: 1: CPU cores, 2: RAM, 3: disk GB, 4: default lifetime */
          __('%1$d CPU · %2$s RAM · %3$d GB disk · default %4$s', domain),
          t.cpuCores,
          formatMb(t.memoryMb),
          t.diskGb,
          formatHours(t.defaultTtlHours),
        )}
      </span>
      {t.description !== '' && <span className="spp-small spp-block">{t.description}</span>}
    </label>
  );
}
