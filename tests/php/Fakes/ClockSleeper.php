<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Fakes;

use SupportProvisioningPortal\Support\Sleeper;

/** Each pause moves the fixed clock on instead of sleeping, and is counted. */
final class ClockSleeper implements Sleeper
{
    public int $pauses = 0;

    public function __construct(private readonly FixedClock $clock)
    {
    }

    public function pause(int $microseconds): void
    {
        $this->pauses++;
        $this->clock->advanceMicroseconds($microseconds);
    }
}
