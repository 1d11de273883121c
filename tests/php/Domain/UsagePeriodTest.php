<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\UsagePeriod;

final class UsagePeriodTest extends TestCase
{
    private static function period(string $from, string $to, string $now = '2030-01-01T00:00:00Z'): UsagePeriod
    {
        return UsagePeriod::of(new \DateTimeImmutable($from), new \DateTimeImmutable($to), new \DateTimeImmutable($now));
    }

    public function testHourlyBucketsUpToTwoDaysDailyBeyond(): void
    {
        $twoDays = self::period('2001-03-01T00:00:00Z', '2001-03-03T00:00:00Z');
        self::assertSame([3600, 48], [$twoDays->bucketSeconds(), $twoDays->bucketCount()]);
        $longer = self::period('2001-03-01T00:00:00Z', '2001-03-03T00:00:01Z');
        self::assertSame([86400, 3], [$longer->bucketSeconds(), $longer->bucketCount()]);
    }

    public function testTheLastBucketIsClippedToThePeriod(): void
    {
        $period = self::period('2001-03-01T00:00:00Z', '2001-03-01T02:30:00Z');
        self::assertSame(3, $period->bucketCount());
        self::assertSame([3600, 3600, 1800], [$period->countedSeconds(0), $period->countedSeconds(1), $period->countedSeconds(2)]);
        self::assertSame('2001-03-01 02:00:00', $period->bucketStart(2)->format('Y-m-d H:i:s'));
    }

    public function testNothingIsCountedAfterNow(): void
    {
        $period = self::period('2001-03-01T00:00:00Z', '2001-03-02T00:00:00Z', '2001-03-01T10:15:00Z');
        self::assertSame('2001-03-01 10:15:00', $period->countedEndDb());
        self::assertSame([3600, 900, 0], [$period->countedSeconds(9), $period->countedSeconds(10), $period->countedSeconds(11)]);
        $future = self::period('2001-03-05T00:00:00Z', '2001-03-06T00:00:00Z', '2001-03-01T10:15:00Z');
        self::assertSame('2001-03-05 00:00:00', $future->countedEndDb(), 'never before the start');
    }

    public function testOffsetsBecomeUtc(): void
    {
        $period = self::period('2001-03-01T01:00:00+01:00', '2001-03-01T05:00:00+01:00');
        self::assertSame('2001-03-01 00:00:00', $period->fromDb());
        self::assertSame('2001-03-01T04:00:00Z', $period->to()->format('Y-m-d\TH:i:s\Z'));
    }
}
