import { Button } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

interface Props {
  page: number;
  totalPages: number;
  total: number;
  onPage: (page: number) => void;
}

export function Pager({ page, totalPages, total, onPage }: Props): JSX.Element {
  return (
    <nav className="spp-pager" aria-label={__('Pages', 'support-provisioning-portal')}>
      <span>{sprintf(/* translators: %d: number of items */ _n('%d item', '%d items', total, 'support-provisioning-portal'), total)}</span>
      <Button variant="secondary" isSmall disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {__('Previous page', 'support-provisioning-portal')}
      </Button>
      <span aria-current="page">
        {sprintf(/* translators: 1: page, 2: pages */ __('Page %1$d of %2$d', 'support-provisioning-portal'), page, totalPages)}
      </span>
      <Button variant="secondary" isSmall disabled={page >= totalPages} onClick={() => onPage(page + 1)}>
        {__('Next page', 'support-provisioning-portal')}
      </Button>
    </nav>
  );
}
