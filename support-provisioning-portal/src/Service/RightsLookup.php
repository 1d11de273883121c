<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\Right;

/**
 * A user's effective plugin rights, as the services decide by them. SiteRights in the plugin
 * (UserRights: the stored rights, the bootstrap rule, site membership); the fast tests grant them.
 */
interface RightsLookup
{
    /** @return list<Right> */
    public function effective(int $userId): array;
}
