import { Button } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { copyText } from './clipboard.ts';

export function CopyButton({ text }: { text: string }): JSX.Element {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = (): void => {
    copyText(text).then(() => setState('copied'), () => setState('failed'));
  };
  return (
    <>
      <Button
        variant="secondary"
        isSmall
        onClick={onClick}
        aria-label={sprintf(/* translators: %s: IP address */ __('Copy %s to the clipboard', 'support-provisioning-portal'), text)}
      >
        {__('Copy', 'support-provisioning-portal')}
      </Button>
      <span className="spp-copy-state" aria-live="polite">
        {state === 'copied' && __('Copied', 'support-provisioning-portal')}
        {state === 'failed' && __('Copy failed: select the address and copy it by hand', 'support-provisioning-portal')}
      </span>
    </>
  );
}
