<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Settings\SettingsStore;
use SupportProvisioningPortal\Store\RightsStore;

/** The limits of the site's settings and its users' own limits (RightsStore). */
final class SiteQuotaLimits implements QuotaLimits
{
    public function forUser(int $userId): array
    {
        $settings = SettingsStore::all();
        return [
            QuotaPolicy::effectiveUserLimit(RightsStore::ramLimitMb($userId), (int) $settings['defaultUserRamLimitMb']),
            QuotaPolicy::limitFromSetting((int) $settings['globalRamLimitMb']),
            QuotaPolicy::effectiveUserLimit(RightsStore::vmLimit($userId), (int) $settings['defaultUserVmLimit']),
        ];
    }
}
