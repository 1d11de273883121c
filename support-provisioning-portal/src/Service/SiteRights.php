<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/** The effective rights of the site's users (UserRights). */
final class SiteRights implements RightsLookup
{
    public function effective(int $userId): array
    {
        return UserRights::effective($userId);
    }
}
