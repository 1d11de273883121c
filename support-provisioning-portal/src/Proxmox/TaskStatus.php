<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * A Proxmox task's state: running, or stopped with an exit status ("OK", "WARNINGS: n", or the error).
 */
final class TaskStatus
{
    public function __construct(
        public readonly bool $running,
        public readonly string $exitStatus = '',
    ) {
    }

    public function succeeded(): bool
    {
        return !$this->running && ($this->exitStatus === 'OK' || str_starts_with($this->exitStatus, 'WARNINGS'));
    }

    public function failed(): bool
    {
        return !$this->running && !$this->succeeded();
    }
}
