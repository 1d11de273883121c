<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Time;

/** A clock that only moves when a test moves it. */
final class FixedClock implements Clock
{
    private \DateTimeImmutable $now;

    public function __construct(string $now = '2026-03-02 09:00:00')
    {
        $this->now = new \DateTimeImmutable($now, new \DateTimeZone('UTC'));
    }

    public function now(): \DateTimeImmutable
    {
        return $this->now;
    }

    public function nowDb(): string
    {
        return Time::toDb($this->now);
    }

    public function advance(int $seconds): void
    {
        $this->now = $this->now->modify("+{$seconds} seconds");
    }

    public function advanceMicroseconds(int $microseconds): void
    {
        $this->now = $this->now->modify("+{$microseconds} usec");
    }
}
