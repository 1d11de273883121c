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
}
