<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * A template's caps on a deployment's lifetime: at most `maxLifetimeHours` from creation to
 * expiry, prolongs included (0 = no cap), and whether "never expire" is allowed at all.
 */
final class LifetimeCap
{
    public const MAX_LIFETIME = 'maxLifetimeHours';
    public const NEVER_EXPIRE = 'allowNeverExpire';

    private const SECONDS_PER_HOUR = 3600;

    /**
     * The cap an expiry would break, or null.
     *
     * @param \DateTimeImmutable|null $expiresAt null = never expires
     * @return array{cap: string, limitHours?: int, requestedHours?: int}|null
     */
    public static function violation(
        int $maxLifetimeHours,
        bool $allowNeverExpire,
        \DateTimeImmutable $createdAt,
        ?\DateTimeImmutable $expiresAt,
    ): ?array {
        if ($expiresAt === null) {
            return $allowNeverExpire ? null : ['cap' => self::NEVER_EXPIRE];
        }
        $lifetimeSeconds = $expiresAt->getTimestamp() - $createdAt->getTimestamp();
        if ($maxLifetimeHours === 0 || $lifetimeSeconds <= $maxLifetimeHours * self::SECONDS_PER_HOUR) {
            return null;
        }
        return [
            'cap' => self::MAX_LIFETIME,
            'limitHours' => $maxLifetimeHours,
            'requestedHours' => (int) ceil($lifetimeSeconds / self::SECONDS_PER_HOUR),
        ];
    }
}
