<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

use SupportProvisioningPortal\Support\Time;

/**
 * The period of a usage report: from (inclusive) to (exclusive), UTC, at most MAX_DAYS long, cut
 * into buckets of an hour (periods up to two days) or a day, counted from `from`. Usage is counted
 * up to `now` at the latest: the future has none yet.
 */
final class UsagePeriod
{
    public const MAX_DAYS = 366;
    private const HOUR = 3600;
    private const DAY = 86400;

    private function __construct(
        private readonly \DateTimeImmutable $from,
        private readonly \DateTimeImmutable $to,
        private readonly \DateTimeImmutable $now
    ) {
    }

    /** @throws InvalidInput when the period is empty, reversed or too long */
    public static function of(\DateTimeImmutable $from, \DateTimeImmutable $to, \DateTimeImmutable $now): self
    {
        $seconds = $to->getTimestamp() - $from->getTimestamp();
        if ($seconds <= 0) {
            throw new InvalidInput('to', __('The end of the period must come after its start.', 'support-provisioning-portal'));
        }
        if ($seconds > self::MAX_DAYS * self::DAY) {
            /* translators: %d: the longest period in days */
            throw new InvalidInput('to', sprintf(__('A report covers at most %d days.', 'support-provisioning-portal'), self::MAX_DAYS));
        }
        $utc = new \DateTimeZone('UTC');
        return new self($from->setTimezone($utc), $to->setTimezone($utc), $now->setTimezone($utc));
    }

    public function seconds(): int
    {
        return $this->to->getTimestamp() - $this->from->getTimestamp();
    }

    public function bucketSeconds(): int
    {
        return $this->seconds() <= 2 * self::DAY ? self::HOUR : self::DAY;
    }

    public function bucketCount(): int
    {
        return (int) ceil($this->seconds() / $this->bucketSeconds());
    }

    /** Seconds of bucket $index that lie in the period and before now. */
    public function countedSeconds(int $index): int
    {
        $start = $index * $this->bucketSeconds();
        $end = min($start + $this->bucketSeconds(), $this->seconds(), $this->countedEnd()->getTimestamp() - $this->from->getTimestamp());
        return max(0, $end - $start);
    }

    public function bucketStart(int $index): \DateTimeImmutable
    {
        return $this->from->modify('+' . ($index * $this->bucketSeconds()) . ' seconds');
    }

    public function from(): \DateTimeImmutable
    {
        return $this->from;
    }

    public function to(): \DateTimeImmutable
    {
        return $this->to;
    }

    public function fromDb(): string
    {
        return Time::toDb($this->from);
    }

    /** The period's end, or now when that comes first (but never before the start). */
    public function countedEndDb(): string
    {
        return Time::toDb($this->countedEnd());
    }

    private function countedEnd(): \DateTimeImmutable
    {
        return max($this->from, min($this->to, $this->now));
    }
}
