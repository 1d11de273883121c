<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Support;

/** The machine's clock. */
final class SystemClock implements Clock
{
    public function now(): \DateTimeImmutable
    {
        return Time::now();
    }

    public function nowDb(): string
    {
        return Time::nowDb();
    }
}
