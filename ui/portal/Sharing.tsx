import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';
import { addShare, listShares, removeShare } from '../api/endpoints.ts';
import type { Share } from '../api/types.ts';
import { useAction, useLoad } from '../components/hooks.ts';
import { domain, formatDateTime } from '../components/labels.ts';
import { Button, ConfirmButton } from './Buttons.tsx';
import { useInstanceId } from './instance.ts';
import { ErrorMessage, Loading } from './Notice.tsx';

/** Who else sees this deployment: add by login or email, list, remove. */
export function Sharing({ deploymentId }: { deploymentId: number }): JSX.Element {
  const shares = useLoad(() => listShares(deploymentId), String(deploymentId));
  const add = useAction();
  const remove = useAction();
  const [user, setUser] = useState('');
  const userId = useInstanceId('share-user');

  const update = (work: () => Promise<Share[]>, action: typeof add, after?: () => void): void => {
    void action.run(work).then((list) => {
      if (list === undefined) return;
      shares.setData(list);
      after?.();
    });
  };

  return (
    <details className="spp-panel spp-sharing" open>
      <summary>
        <h3>{__('Sharing', domain)}</h3>
      </summary>
      <p>{__('Users you share with can see the deployment and use the actions their own rights allow; they can never delete it.', domain)}</p>
      <form
        className="spp-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (user.trim() !== '') update(() => addShare(deploymentId, user.trim()), add, () => setUser(''));
        }}
      >
        <label htmlFor={userId}>{__('Share with (login or email)', domain)}</label>
        <input id={userId} type="text" value={user} autoComplete="off" onChange={(event) => setUser(event.target.value)} />
        <Button type="submit" disabled={add.busy || user.trim() === ''}>{__('Share', domain)}</Button>
      </form>
      <ErrorMessage error={add.error} onDismiss={add.clear} />
      <ErrorMessage error={shares.error} />
      {shares.loading && <Loading />}
      {shares.data?.length === 0 && <p>{__('Not shared with anyone.', domain)}</p>}
      {shares.data !== null && shares.data.length > 0 && (
        <ul className="spp-shares">
          {shares.data.map((share) => (
            <li key={share.userId}>
              <span>
                <strong>{share.displayName}</strong> ({share.login}){' '}
                <span className="spp-small">{sprintf(/* translators: %s: date */ __('since %s', domain), formatDateTime(share.createdAt))}</span>
              </span>{' '}
              <ConfirmButton
                label={__('Remove', domain)}
                message={sprintf(/* translators: %s: user's name */ __('%s will no longer see this deployment.', domain), share.displayName)}
                disabled={remove.busy}
                onConfirm={() => update(() => removeShare(deploymentId, share.userId), remove)}
              />
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={remove.error} onDismiss={remove.clear} />
    </details>
  );
}
