<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Support;

/**
 * A pause between two polls. SystemSleeper in the plugin; in the state-machine tests a sleeper that
 * moves the fixed clock instead, so a wait of 30 s passes at once.
 */
interface Sleeper
{
    public function pause(int $microseconds): void;
}
