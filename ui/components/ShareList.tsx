import type { Share } from '../api/types.ts';

/** The users a deployment is shared with, one item each as the UI draws it; nothing when none or not loaded. */
export function ShareList({ shares, item }: { shares: Share[] | null; item: (share: Share) => JSX.Element }): JSX.Element | null {
  if (!shares?.length) return null;
  return (
    <ul className="spp-shares">
      {shares.map((share) => <li key={share.userId}>{item(share)}</li>)}
    </ul>
  );
}
