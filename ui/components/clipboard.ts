import { __ } from '@wordpress/i18n';

/**
 * Copies text to the clipboard. navigator.clipboard needs a secure context; plain-HTTP intranet
 * sites fall back to execCommand.
 */
export async function copyText(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error(__('The browser did not allow copying. Select the text and copy it by hand.', 'support-provisioning-portal'));
}
