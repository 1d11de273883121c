<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Proxmox;

/**
 * Waits a short, bounded time for a Proxmox task inside a web request (start, stop).
 * Anything that may take longer (clone, delete) runs as a Worker step instead.
 */
final class TaskWaiter
{
    private const POLL_MICROSECONDS = 250_000;

    /** @return TaskStatus the final status, or a running one when the bound passed */
    public static function wait(ProxmoxClient $proxmox, string $upid, int $timeoutSeconds): TaskStatus
    {
        $deadline = microtime(true) + $timeoutSeconds;
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
            if (!$status->running || microtime(true) >= $deadline) {
                return $status;
            }
            usleep(self::POLL_MICROSECONDS);
        }
    }
}
