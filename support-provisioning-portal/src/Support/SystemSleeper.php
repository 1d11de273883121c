<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Support;

/** The process sleeps. */
final class SystemSleeper implements Sleeper
{
    public function pause(int $microseconds): void
    {
        usleep($microseconds);
    }
}
