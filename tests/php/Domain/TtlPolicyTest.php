<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\TtlOutOfRange;
use SupportProvisioningPortal\Domain\TtlPolicy;

final class TtlPolicyTest extends TestCase
{
    private const NOW = '2025-03-30T00:30:00+00:00';

    /**
     * @dataProvider templateMaxima
     */
    public function testMaxHours(?int $templateMaxHours, int $expected): void
    {
        self::assertSame($expected, TtlPolicy::maxHours($templateMaxHours));
    }

    /**
     * @return array<string, array{?int, int}>
     */
    public static function templateMaxima(): array
    {
        return [
            'none' => [null, 720],
            'zero' => [0, 720],
            'smaller' => [48, 48],
            'larger' => [2000, 2000],
        ];
    }

    public function testMaxHoursRejectsNegativeValues(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        TtlPolicy::maxHours(-1);
    }

    /**
     * @dataProvider validCreateTtls
     */
    public function testExpiresAtForCreate(int $hours, ?int $templateMaxHours, string $expected): void
    {
        self::assertSame(
            $expected,
            TtlPolicy::expiresAtForCreate($hours, $templateMaxHours, self::now())->format(DATE_ATOM)
        );
    }

    /**
     * @return array<string, array{int, ?int, string}>
     */
    public static function validCreateTtls(): array
    {
        return [
            'one hour' => [1, null, '2025-03-30T01:30:00+00:00'],
            'default maximum' => [720, null, '2025-04-29T00:30:00+00:00'],
            'template maximum' => [48, 48, '2025-04-01T00:30:00+00:00'],
            'above the default when the template allows it' => [1000, 1000, '2025-05-10T16:30:00+00:00'],
        ];
    }

    /**
     * @dataProvider invalidCreateTtls
     */
    public function testExpiresAtForCreateRejectsOutOfRangeHours(
        int $hours,
        ?int $templateMaxHours,
        int $maxHours
    ): void {
        try {
            TtlPolicy::expiresAtForCreate($hours, $templateMaxHours, self::now());
            self::fail('Expected TtlOutOfRange');
        } catch (TtlOutOfRange $e) {
            self::assertSame($hours, $e->requestedHours);
            self::assertSame($maxHours, $e->maxHours);
            self::assertSame(['minHours' => 1, 'maxHours' => $maxHours], $e->errorData());
            self::assertSame(ErrorCode::TTL_OUT_OF_RANGE, $e->errorCode());
        }
    }

    /**
     * @return array<string, array{int, ?int, int}>
     */
    public static function invalidCreateTtls(): array
    {
        return [
            'zero' => [0, null, 720],
            'negative' => [-5, 48, 48],
            'above the default maximum' => [721, null, 720],
            'above the template maximum' => [49, 48, 48],
        ];
    }

    public function testResultsAreInUtcWhateverTheInputZone(): void
    {
        // Across the Europe/Berlin DST change: 24 real hours, not 24 wall-clock hours.
        $now = new \DateTimeImmutable('2025-03-30T01:00:00', new \DateTimeZone('Europe/Berlin'));

        $created = TtlPolicy::expiresAtForCreate(24, null, $now);
        $prolonged = TtlPolicy::prolong($now, 24, null, $now);

        self::assertSame('2025-03-31T00:00:00+00:00', $created->format(DATE_ATOM));
        self::assertSame('UTC', $created->getTimezone()->getName());
        self::assertSame('2025-03-31T00:00:00+00:00', $prolonged->format(DATE_ATOM));
        self::assertSame('UTC', $prolonged->getTimezone()->getName());
    }

    public function testProlongAddsToAFutureExpiry(): void
    {
        $expiresAt = self::now()->modify('+10 hours');

        self::assertSame(
            '2025-03-30T15:30:00+00:00',
            TtlPolicy::prolong($expiresAt, 5, 48, self::now())->format(DATE_ATOM)
        );
    }

    public function testProlongAddsToNowWhenExpiryHasPassed(): void
    {
        $expiresAt = self::now()->modify('-3 days');

        self::assertSame(
            '2025-03-30T05:30:00+00:00',
            TtlPolicy::prolong($expiresAt, 5, 48, self::now())->format(DATE_ATOM)
        );
    }

    public function testProlongUpToExactlyTheMaximumFromNow(): void
    {
        $expiresAt = self::now()->modify('+10 hours');

        self::assertSame(
            '2025-04-01T00:30:00+00:00',
            TtlPolicy::prolong($expiresAt, 38, 48, self::now())->format(DATE_ATOM)
        );
    }

    /**
     * @dataProvider invalidProlongations
     */
    public function testProlongRejectsOutOfRangeHours(
        string $expiresIn,
        int $hours,
        ?int $templateMaxHours,
        int $maxHours
    ): void {
        try {
            TtlPolicy::prolong(self::now()->modify($expiresIn), $hours, $templateMaxHours, self::now());
            self::fail('Expected TtlOutOfRange');
        } catch (TtlOutOfRange $e) {
            self::assertSame($hours, $e->requestedHours);
            self::assertSame($maxHours, $e->maxHours);
        }
    }

    /**
     * @return array<string, array{string, int, ?int, int}>
     */
    public static function invalidProlongations(): array
    {
        return [
            'one hour past the maximum' => ['+10 hours', 39, 48, 38],
            'zero hours' => ['+10 hours', 0, 48, 38],
            'negative hours' => ['-1 hour', -1, null, 720],
            'expired, past the default maximum' => ['-1 hour', 721, null, 720],
            'partial hour of headroom rounds down' => ['+47 hours 30 minutes', 1, 48, 0],
            'already at the maximum' => ['+48 hours', 1, 48, 0],
            'beyond a lowered maximum' => ['+100 hours', 1, 48, 0],
        ];
    }

    private static function now(): \DateTimeImmutable
    {
        return new \DateTimeImmutable(self::NOW);
    }
}
