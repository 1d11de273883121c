<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * RAM contingent arithmetic (CONTRACT §5). Here a limit of null means unlimited; settings
 * store 0 for unlimited and are converted with {@see self::limitFromSetting()}.
 */
final class QuotaPolicy
{
    /**
     * Converts a stored limit setting (0 = unlimited) to this layer's form (null = unlimited).
     */
    public static function limitFromSetting(int $settingMb): ?int
    {
        self::assertNotNegative($settingMb, 'limit');
        return $settingMb === 0 ? null : $settingMb;
    }

    /**
     * The user's limit: their override when set (0 = unlimited), else the default (0 = unlimited).
     *
     * @param int|null $overrideMb the user's override; null = use the default
     * @return int|null null = unlimited
     */
    public static function effectiveUserLimitMb(?int $overrideMb, int $defaultMb): ?int
    {
        return self::limitFromSetting($overrideMb ?? $defaultMb);
    }

    /**
     * Checks a request against the user's limit first, then the global one.
     *
     * @param int|null $userLimitMb null = unlimited
     * @param int $userUsedMb the owner's current allocation
     * @param int|null $globalLimitMb null = unlimited
     * @param int $globalUsedMb the site's current allocation
     * @param int $requestedMb the RAM the create or prolong adds
     * @return QuotaViolation|null null when the request fits
     */
    public static function check(
        ?int $userLimitMb,
        int $userUsedMb,
        ?int $globalLimitMb,
        int $globalUsedMb,
        int $requestedMb,
    ): ?QuotaViolation {
        self::assertNotNegative($userUsedMb, 'userUsedMb');
        self::assertNotNegative($globalUsedMb, 'globalUsedMb');
        self::assertNotNegative($requestedMb, 'requestedMb');

        if ($userLimitMb !== null && $userUsedMb + $requestedMb > $userLimitMb) {
            return new QuotaViolation(QuotaViolation::SCOPE_USER, $userLimitMb, $userUsedMb, $requestedMb);
        }
        if ($globalLimitMb !== null && $globalUsedMb + $requestedMb > $globalLimitMb) {
            return new QuotaViolation(QuotaViolation::SCOPE_GLOBAL, $globalLimitMb, $globalUsedMb, $requestedMb);
        }
        return null;
    }

    /**
     * What is left under a limit, for the quota resource.
     *
     * @param int|null $limitMb null = unlimited
     * @return int|null null = unlimited; 0 when the allocation already exceeds a lowered limit
     */
    public static function availableMb(?int $limitMb, int $usedMb): ?int
    {
        return $limitMb === null ? null : max(0, $limitMb - $usedMb);
    }

    private static function assertNotNegative(int $mb, string $name): void
    {
        if ($mb < 0) {
            throw new \InvalidArgumentException(sprintf('%s must not be negative, got %d', $name, $mb));
        }
    }
}
