<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Domain;

/**
 * The value of a lock row on a database without named locks (Store\OptionLock): who holds the
 * lock (a random token) and until when. A lease past its end is stale: its holder died without
 * releasing it, and the next request may take the lock over.
 */
final class LockLease
{
    /** Longer than any hold: the longest, the clone lock, spans at most 5 clone tries of 3 Proxmox calls of 10 s. */
    public const SECONDS = 300;

    private function __construct(public readonly string $token, public readonly int $expiresAt)
    {
    }

    public static function start(int $now): self
    {
        return new self(bin2hex(random_bytes(16)), $now + self::SECONDS);
    }

    /** @return self|null null for a value no lease wrote */
    public static function parse(string $value): ?self
    {
        return preg_match('/^(\d+):([0-9a-f]{32})$/', $value, $parts) === 1 ? new self($parts[2], (int) $parts[1]) : null;
    }

    public function value(): string
    {
        return $this->expiresAt . ':' . $this->token;
    }

    public function isStale(int $now): bool
    {
        return $now >= $this->expiresAt;
    }
}
