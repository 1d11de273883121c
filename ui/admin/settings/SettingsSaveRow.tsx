import { Button, Notice } from '@wordpress/components';
import type { useAction } from '../../components/hooks.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

interface Props {
  save: ReturnType<typeof useAction>;
  saved: boolean;
  savedText: string;
  buttonText: string;
}

/** The end of a settings section's form: why the save failed, or that it went through, and the save button. */
export function SettingsSaveRow({ save, saved, savedText, buttonText }: Props): JSX.Element {
  return (
    <>
      <ErrorNotice error={save.error} onDismiss={save.clear} />
      {saved && <Notice status="success" isDismissible={false}>{savedText}</Notice>}
      <Button variant="primary" type="submit" isBusy={save.busy} aria-disabled={save.busy}>
        {buttonText}
      </Button>
    </>
  );
}
