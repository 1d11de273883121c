import { useState } from '@wordpress/element';
import { useAction, useLoad, type Loaded } from './hooks.ts';

/** A settings form's loaded values, its save and whether the last save went through. */
export interface SettingsForm<T> {
  loaded: Loaded<T>;
  save: ReturnType<typeof useAction>;
  saved: boolean;
  /** Hides "saved" once the user changes something again. */
  touched: () => void;
  /** The form's onSubmit: sends what `send` sends; the server's answer becomes the loaded values. */
  submit: (send: () => Promise<T>) => (event: { preventDefault: () => void }) => void;
}

/** Loads a settings resource (GET) and saves it (PUT), one save at a time. */
export function useSettingsForm<T>(load: () => Promise<T>, key: string): SettingsForm<T> {
  const loaded = useLoad(load, key);
  const save = useAction();
  const [saved, setSaved] = useState(false);
  const submit = (send: () => Promise<T>) => (event: { preventDefault: () => void }): void => {
    event.preventDefault();
    if (save.busy) return;
    setSaved(false);
    void save.run(send).then((answer) => {
      if (answer === undefined) return;
      loaded.setData(answer);
      setSaved(true);
    });
  };
  return { loaded, save, saved, touched: () => setSaved(false), submit };
}
