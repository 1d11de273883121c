<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\AutoStopSchedule;

final class AutoStopScheduleTest extends TestCase
{
    /** Sunday 2026-11-29, 21:30 in Berlin. */
    private static function sundayEvening(): \DateTimeImmutable
    {
        return new \DateTimeImmutable('2026-11-29 21:30:00', new \DateTimeZone('Europe/Berlin'));
    }

    public function testTheStopMomentIsTodayAtTheLocalTimeOnAListedDay(): void
    {
        $moment = AutoStopSchedule::stopMomentOn(self::sundayEvening(), '20:00', [6, 7]);
        self::assertSame('2026-11-29T20:00:00+01:00', $moment?->format(\DATE_ATOM));
    }

    public function testNoMomentWhenOffOrOnADayNotListed(): void
    {
        self::assertNull(AutoStopSchedule::stopMomentOn(self::sundayEvening(), '', [7]));
        self::assertNull(AutoStopSchedule::stopMomentOn(self::sundayEvening(), '20:00', AutoStopSchedule::DEFAULT_DAYS));
    }

    public function testDaysAreStoredSortedAndOnce(): void
    {
        self::assertSame('1,3,5', AutoStopSchedule::daysToColumn([5, 1, 3, 5]));
        self::assertSame([1, 3, 5], AutoStopSchedule::daysFromColumn('1,3,5'));
        self::assertSame([], AutoStopSchedule::daysFromColumn(''));
    }

    public function testTheTimePatternTakesHoursAndMinutesOrNothing(): void
    {
        $matches = static fn (string $time): bool => preg_match('/' . AutoStopSchedule::TIME_PATTERN . '/', $time) === 1;
        self::assertTrue($matches(''));
        self::assertTrue($matches('00:00'));
        self::assertTrue($matches('23:59'));
        self::assertFalse($matches('24:00'));
        self::assertFalse($matches('8:00'));
        self::assertFalse($matches('12:60'));
    }
}
