<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Support;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Support\Time;

final class TimeTest extends TestCase
{
    /** @return iterable<string, array{?string}> */
    public static function databaseValues(): iterable
    {
        yield 'a timestamp' => ['2026-11-29 12:34:56'];
        yield 'midnight on a leap day' => ['2028-02-29 00:00:00'];
        yield 'the last second of a year' => ['2026-12-31 23:59:59'];
        yield 'no value' => [null];
        yield 'empty' => [''];
        yield 'not a timestamp' => ['yesterday'];
        yield 'a day that does not exist' => ['2026-02-30 10:00:00'];
        yield 'an hour that does not exist' => ['2026-11-29 25:00:00'];
        yield 'a minute that does not exist' => ['2026-11-29 12:60:00'];
        yield 'the 31st of a 30-day month' => ['2026-04-31 10:00:00'];
        yield 'the 29th of February in a common year' => ['2027-02-29 10:00:00'];
        yield 'the 28th of February' => ['2027-02-28 10:00:00'];
        yield 'the 30th of a 30-day month' => ['2026-06-30 10:00:00'];
        yield 'day zero' => ['2026-11-00 10:00:00'];
        yield 'month zero' => ['2026-00-10 10:00:00'];
        yield 'month 13' => ['2026-13-01 10:00:00'];
        yield 'year zero' => ['0000-01-01 00:00:00'];
        yield 'the zero date' => ['0000-00-00 00:00:00'];
        yield 'the first year' => ['0001-01-01 00:00:00'];
    }

    /**
     * @dataProvider databaseValues
     */
    public function testDbToIsoAnswersAsTheDateTimeRoundTripDoes(?string $value): void
    {
        self::assertSame(Time::fromDb($value)?->format('Y-m-d\TH:i:s\Z'), Time::dbToIso($value));
    }

    public function testDbToIsoWritesUtcWithAZ(): void
    {
        self::assertSame('2026-11-29T12:34:56Z', Time::dbToIso('2026-11-29 12:34:56'));
    }

    public function testDbToIsoLeavesOutAFinalNewline(): void
    {
        self::assertSame('2026-11-29T12:34:56Z', Time::dbToIso("2026-11-29 12:34:56\n"));
    }

    /** @return iterable<string, array{string, string}> */
    public static function zonedTimes(): iterable
    {
        yield 'UTC' => ['2026-11-29 12:34:56', 'UTC'];
        yield 'ahead of UTC, across midnight' => ['2026-11-30 00:30:00', 'Europe/Berlin'];
        yield 'behind UTC, on a leap day' => ['2028-02-29 22:15:07', 'America/New_York'];
        yield 'a half-hour zone, at a year end' => ['2026-12-31 23:59:59', 'Asia/Kolkata'];
    }

    /**
     * @dataProvider zonedTimes
     */
    public function testToDbWritesTheMomentInUtcWhateverTheObjectsZone(string $local, string $zone): void
    {
        $time = new \DateTimeImmutable($local, new \DateTimeZone($zone));
        self::assertSame($time->setTimezone(new \DateTimeZone('UTC'))->format('Y-m-d H:i:s'), Time::toDb($time));
    }

    public function testDbAfterIsNowPlusTheSecondsAsADatabaseValue(): void
    {
        $before = Time::toDb(Time::now()->modify('+90 minutes'));
        $value = Time::dbAfter(5400);
        $after = Time::toDb(Time::now()->modify('+90 minutes'));
        self::assertMatchesRegularExpression('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $value);
        self::assertGreaterThanOrEqual($before, $value);
        self::assertLessThanOrEqual($after, $value);
    }

    public function testNowDbIsNowInUtcWhateverThePhpDefaultZone(): void
    {
        $zone = date_default_timezone_get();
        date_default_timezone_set('Asia/Kolkata');
        try {
            $before = Time::toDb(Time::now());
            $value = Time::nowDb();
            $after = Time::toDb(Time::now());
        } finally {
            date_default_timezone_set($zone);
        }
        self::assertMatchesRegularExpression('/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/', $value);
        self::assertGreaterThanOrEqual($before, $value);
        self::assertLessThanOrEqual($after, $value);
    }
}
