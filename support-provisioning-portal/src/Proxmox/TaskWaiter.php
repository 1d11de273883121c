<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

use SupportProvisioningPortal\Support\Clock;
use SupportProvisioningPortal\Support\Sleeper;
use SupportProvisioningPortal\Wiring;

/**
 * Waits a short, bounded time for a Proxmox task inside a web request (start, stop).
 * Anything that may take longer (clone, delete) runs as a Worker step instead.
 */
final class TaskWaiter
{
    private const POLL_MICROSECONDS = 250_000;

    public function __construct(private readonly Clock $clock, private readonly Sleeper $sleeper)
    {
    }

    /** @return TaskStatus the final status, or a running one when the bound passed */
    public static function wait(ProxmoxClient $proxmox, string $upid, int $timeoutSeconds): TaskStatus
    {
        return Wiring::taskWaiter()->waitFor($proxmox, $upid, $timeoutSeconds);
    }

    /** @return TaskStatus the final status, or a running one when the bound passed */
    public function waitFor(ProxmoxClient $proxmox, string $upid, int $timeoutSeconds): TaskStatus
    {
        $deadline = $this->clock->now()->modify("+{$timeoutSeconds} seconds");
        while (true) {
            try {
                $status = $proxmox->taskStatus($upid);
            } catch (ProxmoxError $error) {
                // Proxmox may not know a task for a moment after creating it.
                if (!str_contains($error->getMessage(), 'no such task')) {
                    throw $error;
                }
                $status = new TaskStatus(true);
            }
            if (!$status->running || $this->clock->now() >= $deadline) {
                return $status;
            }
            $this->sleeper->pause(self::POLL_MICROSECONDS);
        }
    }
}
