<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Service;

use SupportProvisioningPortal\Proxmox\ProxmoxMessages;

/**
 * A lock on Proxmox (a nightly backup of the template, a snapshot, a migration) is a wait, not a
 * failure: the step is retried with a growing pause, for a bounded time (SPP_LOCK_WAIT_MINUTES
 * in wp-config.php, 30 by default), then it fails with the reason.
 */
final class LockWait
{
    public const DEFAULT_MINUTES = 30;
    private const MAX_PAUSE_SECONDS = 60;

    public function __construct(private readonly int $limitSeconds)
    {
    }

    public static function configured(): self
    {
        $minutes = defined('SPP_LOCK_WAIT_MINUTES') ? (int) constant('SPP_LOCK_WAIT_MINUTES') : self::DEFAULT_MINUTES;
        return new self(max(0, $minutes) * 60);
    }

    public function isOver(\DateTimeImmutable $since, \DateTimeImmutable $now): bool
    {
        return $now->getTimestamp() - $since->getTimestamp() >= $this->limitSeconds;
    }

    /** The next try: after a quarter of the time waited so far, at most a minute. */
    public function retryAt(\DateTimeImmutable $since, \DateTimeImmutable $now): \DateTimeImmutable
    {
        $waited = max(0, $now->getTimestamp() - $since->getTimestamp());
        $pause = min(self::MAX_PAUSE_SECONDS, intdiv($waited, 4));
        return $now->modify("+{$pause} seconds");
    }

    /** "waiting: template is locked by a backup" */
    public static function reason(string $lock, bool $template): string
    {
        return sprintf('waiting: %s is locked by %s', $template ? 'template' : 'VM', ProxmoxMessages::lockHolder($lock));
    }

    /** The reason a wait that ran out gives as the failure. */
    public static function gaveUp(string $lock, bool $template, int $minutes): string
    {
        return sprintf('%s is locked by %s: gave up after %d minutes', $template ? 'Template' : 'VM', ProxmoxMessages::lockHolder($lock), $minutes);
    }

    public function minutes(): int
    {
        return intdiv($this->limitSeconds, 60);
    }
}
