<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

/**
 * The limits a quota check compares with. SiteQuotaLimits in the plugin (the user's own limits,
 * else the site's defaults, and the global RAM limit); the fast tests set them.
 */
interface QuotaLimits
{
    /** @return array{0: ?int, 1: ?int, 2: ?int} user RAM, global RAM (MB) and user VM limit, null = unlimited */
    public function forUser(int $userId): array;
}
