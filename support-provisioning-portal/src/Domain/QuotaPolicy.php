<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * Contingent arithmetic: RAM (CONTRACT §5) and the number of deployments that hold a VM on
 * Proxmox (docs/decisions/vm-contingent.md). Here a limit of null means unlimited; settings store
 * 0 for unlimited and are converted with {@see self::limitFromSetting()}.
 */
final class QuotaPolicy
{
    /** The largest limit a setting or override may hold (MB or VMs): a signed 32-bit number. */
    public const MAX_LIMIT = 2147483647;

    /**
     * Converts a stored limit setting (0 = unlimited) to this layer's form (null = unlimited).
     */
    public static function limitFromSetting(int $setting): ?int
    {
        self::assertNotNegative($setting, 'limit');
        if ($setting > self::MAX_LIMIT) {
            throw new \InvalidArgumentException(sprintf('limit must be at most %d, got %d', self::MAX_LIMIT, $setting));
        }
        return $setting === 0 ? null : $setting;
    }

    /**
     * The user's limit: their override when set (0 = unlimited), else the default (0 = unlimited).
     *
     * @param int|null $override the user's override; null = use the default
     * @return int|null null = unlimited
     */
    public static function effectiveUserLimit(?int $override, int $default): ?int
    {
        return self::limitFromSetting($override ?? $default);
    }

    /**
     * Checks a RAM request against the user's limit first, then the global one.
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
     * Checks whether the owner may have one more deployment holding a VM.
     *
     * @param int|null $limit null = unlimited
     * @param int $used the owner's deployments that hold (or will hold) a VM
     */
    public static function checkNewVm(?int $limit, int $used): ?QuotaViolation
    {
        self::assertNotNegative($used, 'usedVms');
        return $limit !== null && $used + 1 > $limit
            ? new QuotaViolation(QuotaViolation::SCOPE_VMS, $limit, $used, 1)
            : null;
    }

    /**
     * What is left under a limit, for the quota resource.
     *
     * @param int|null $limit null = unlimited
     * @return int|null null = unlimited; 0 when the allocation already exceeds a lowered limit
     */
    public static function available(?int $limit, int $used): ?int
    {
        return $limit === null ? null : max(0, $limit - $used);
    }

    private static function assertNotNegative(int $value, string $name): void
    {
        if ($value < 0) {
            throw new \InvalidArgumentException(sprintf('%s must not be negative, got %d', $name, $value));
        }
    }
}
