<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Support;

/**
 * The current time, for the services that decide by it (the worker's claims, lock waits and
 * adoption grace). SystemClock in the plugin; a fixed clock in the state-machine tests.
 */
interface Clock
{
    /** Now, in UTC. */
    public function now(): \DateTimeImmutable;

    /** Now as a DATETIME: what a read that finds nothing due needs, without building an object. */
    public function nowDb(): string;
}
