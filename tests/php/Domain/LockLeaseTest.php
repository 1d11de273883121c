<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\LockLease;

final class LockLeaseTest extends TestCase
{
    public function testALeaseRunsForItsSecondsAndIsStaleFromItsEnd(): void
    {
        $lease = LockLease::start(1_000_000);
        self::assertSame(1_000_000 + LockLease::SECONDS, $lease->expiresAt);
        self::assertFalse($lease->isStale(1_000_000 + LockLease::SECONDS - 1));
        self::assertTrue($lease->isStale(1_000_000 + LockLease::SECONDS));
    }

    public function testTheStoredValueReadsBackAsTheSameLease(): void
    {
        $lease = LockLease::start(1_000_000);
        $read = LockLease::parse($lease->value());
        self::assertNotNull($read);
        self::assertSame($lease->token, $read->token);
        self::assertSame($lease->expiresAt, $read->expiresAt);
    }

    public function testEachLeaseHasItsOwnToken(): void
    {
        self::assertNotSame(LockLease::start(1_000_000)->token, LockLease::start(1_000_000)->token);
    }

    public function testAValueNoLeaseWroteIsNotALease(): void
    {
        self::assertNull(LockLease::parse('1'));
        self::assertNull(LockLease::parse('1000300:not-a-token'));
        self::assertNull(LockLease::parse(''));
    }
}
