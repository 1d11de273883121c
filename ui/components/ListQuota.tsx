import { getQuota } from '../api/endpoints.ts';
import type { Me } from '../api/types.ts';
import { useLoad } from './hooks.ts';
import { QuotaMeter } from './QuotaMeter.tsx';

/** The caller's RAM quota above their deployment list, for those who may create (plain markup). */
export function ListQuota({ me, version }: { me: Me; version: string }): JSX.Element | null {
  const quota = useLoad(getQuota, `quota/${version}`);
  if (!me.rights.includes('create') || quota.data === null) return null;
  return <QuotaMeter quota={quota.data} />;
}
