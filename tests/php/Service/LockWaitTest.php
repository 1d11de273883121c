<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Service;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Service\LockWait;

final class LockWaitTest extends TestCase
{
    public function testTheWaitEndsAtItsLimit(): void
    {
        $wait = new LockWait(1800);
        $since = new \DateTimeImmutable('2026-01-01 00:00:00');
        self::assertFalse($wait->isOver($since, $since->modify('+1799 seconds')));
        self::assertTrue($wait->isOver($since, $since->modify('+1800 seconds')));
        self::assertSame(30, $wait->minutes());
    }

    public function testThePauseGrowsWithTheWaitUpToAMinute(): void
    {
        $wait = new LockWait(1800);
        $since = new \DateTimeImmutable('2026-01-01 00:00:00');
        $pause = static fn (int $waited): int => $wait->retryAt($since, $since->modify("+{$waited} seconds"))->getTimestamp()
            - $since->modify("+{$waited} seconds")->getTimestamp();
        self::assertSame(0, $pause(0), 'the first retries are not held back');
        self::assertSame(10, $pause(40));
        self::assertSame(60, $pause(600));
    }

    public function testReasonsNameWhatIsLockedAndByWhat(): void
    {
        self::assertSame('waiting: template is locked by a backup', LockWait::reason('backup', true));
        self::assertSame('waiting: VM is locked by a migration', LockWait::reason('migrate', false));
        self::assertSame('Template is locked by a backup: gave up after 30 minutes', LockWait::gaveUp('backup', true, 30));
    }
}
