import { CheckboxControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/FieldError.tsx';

/** The schedule as the editor holds it: the time as typed ('' = off), the ISO weekdays ticked. */
export interface AutoStopForm {
  autoStopTime: string;
  autoStopDays: number[];
}

interface Props {
  form: AutoStopForm;
  onChange: (form: AutoStopForm) => void;
  error: unknown;
}

function weekdays(): Array<[number, string]> {
  return [
    [1, __('Monday', 'support-provisioning-portal')],
    [2, __('Tuesday', 'support-provisioning-portal')],
    [3, __('Wednesday', 'support-provisioning-portal')],
    [4, __('Thursday', 'support-provisioning-portal')],
    [5, __('Friday', 'support-provisioning-portal')],
    [6, __('Saturday', 'support-provisioning-portal')],
    [7, __('Sunday', 'support-provisioning-portal')],
  ];
}

/** The template's auto-stop schedule (docs/decisions/expiry-mail.md): a site-local time on weekdays. */
export function TemplateAutoStopFields({ form, onChange, error }: Props): JSX.Element {
  const toggle = (day: number, on: boolean): void => {
    const days = form.autoStopDays.filter((d) => d !== day);
    onChange({ ...form, autoStopDays: on ? [...days, day].sort((a, b) => a - b) : days });
  };
  return (
    <fieldset className="spp-auto-stop">
      <legend>{__('Auto-stop', 'support-provisioning-portal')}</legend>
      <TextControl
        label={__('Stop running VMs at (site time)', 'support-provisioning-portal')}
        type="time"
        value={form.autoStopTime}
        onChange={(autoStopTime: string) => onChange({ ...form, autoStopTime })}
        help={__('Empty: never. Each running VM is stopped once on each day ticked below; one started again afterwards runs until the next day.', 'support-provisioning-portal')}
      />
      <FieldError error={error} field="autoStopTime" />
      {weekdays().map(([day, label]) => (
        <CheckboxControl key={day} label={label} checked={form.autoStopDays.includes(day)} onChange={(on: boolean) => toggle(day, on)} />
      ))}
      <FieldError error={error} field="autoStopDays" />
    </fieldset>
  );
}
