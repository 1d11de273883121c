<?php

declare(strict_types=1);

// phpcs:disable WordPress.Security.EscapeOutput.ExceptionNotEscaped -- messages leave as REST JSON or stored text, never as HTML (docs/decisions/php-coding-standard.md)

namespace SupportProvisioningPortal\Domain;

/**
 * TTL rules for create and prolong (CONTRACT §4). Times are returned in UTC; "now" is
 * always passed in, so the rules are deterministic.
 */
final class TtlPolicy
{
    public const MIN_HOURS = 1;
    public const DEFAULT_MAX_HOURS = 720;

    private const SECONDS_PER_HOUR = 3600;

    /**
     * The template's maximum TTL, or the default when it has none.
     *
     * @param int|null $templateMaxHours null or 0 = the template sets no maximum
     */
    public static function maxHours(?int $templateMaxHours): int
    {
        if ($templateMaxHours !== null && $templateMaxHours < 0) {
            throw new \InvalidArgumentException(sprintf('Maximum TTL must not be negative, got %d', $templateMaxHours));
        }
        return $templateMaxHours ?: self::DEFAULT_MAX_HOURS;
    }

    /**
     * The expiry of a deployment created now with a TTL (never-expire deployments have none).
     *
     * @param int|null $templateMaxHours null or 0 = {@see self::DEFAULT_MAX_HOURS}
     * @throws TtlOutOfRange when `$hours` is not within 1 … the template's maximum
     */
    public static function expiresAtForCreate(
        int $hours,
        ?int $templateMaxHours,
        \DateTimeImmutable $now,
    ): \DateTimeImmutable {
        $maxHours = self::maxHours($templateMaxHours);
        if ($hours < self::MIN_HOURS || $hours > $maxHours) {
            throw new TtlOutOfRange($hours, $maxHours);
        }
        return self::addHours(self::utc($now), $hours);
    }

    /**
     * The new expiry after prolonging by `$hours`: max(now, old expiry) + hours, which must
     * lie within the template's maximum TTL from now.
     *
     * @param int|null $templateMaxHours null or 0 = {@see self::DEFAULT_MAX_HOURS}
     * @throws TtlOutOfRange when `$hours` is below 1 or would reach past the maximum
     */
    public static function prolong(
        \DateTimeImmutable $expiresAt,
        int $hours,
        ?int $templateMaxHours,
        \DateTimeImmutable $now,
    ): \DateTimeImmutable {
        $now = self::utc($now);
        $base = max($now, self::utc($expiresAt));
        $remainingSeconds = $base->getTimestamp() - $now->getTimestamp();
        $headroomSeconds = self::maxHours($templateMaxHours) * self::SECONDS_PER_HOUR - $remainingSeconds;
        $maxProlongHours = max(0, intdiv($headroomSeconds, self::SECONDS_PER_HOUR));
        if ($hours < self::MIN_HOURS || $hours > $maxProlongHours) {
            throw new TtlOutOfRange($hours, $maxProlongHours);
        }
        return self::addHours($base, $hours);
    }

    private static function utc(\DateTimeImmutable $time): \DateTimeImmutable
    {
        return $time->setTimezone(new \DateTimeZone('UTC'));
    }

    private static function addHours(\DateTimeImmutable $time, int $hours): \DateTimeImmutable
    {
        return $time->add(new \DateInterval(sprintf('PT%dH', $hours)));
    }
}
