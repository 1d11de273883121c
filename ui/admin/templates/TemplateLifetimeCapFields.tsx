import { CheckboxControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { FieldError } from '../../components/FieldError.tsx';

/** The caps as the editor holds them: the hours as typed. */
export interface LifetimeCapForm {
  maxLifetimeHours: string;
  allowNeverExpire: boolean;
}

interface Props {
  form: LifetimeCapForm;
  onChange: (form: LifetimeCapForm) => void;
  error: unknown;
}

/** The template's lifetime caps (docs/decisions/expiry-mail.md): the total from creation, and "never expire". */
export function TemplateLifetimeCapFields({ form, onChange, error }: Props): JSX.Element {
  return (
    <>
      <TextControl
        label={__('Maximum total lifetime (hours)', 'support-provisioning-portal')}
        type="number"
        min={0}
        value={form.maxLifetimeHours}
        onChange={(maxLifetimeHours: string) => onChange({ ...form, maxLifetimeHours })}
        help={__('From creation to expiry, prolongs included. 0: no cap.', 'support-provisioning-portal')}
      />
      <FieldError error={error} field="maxLifetimeHours" />
      <CheckboxControl
        label={__('Allow deployments that never expire', 'support-provisioning-portal')}
        checked={form.allowNeverExpire}
        onChange={(allowNeverExpire: boolean) => onChange({ ...form, allowNeverExpire })}
      />
    </>
  );
}
