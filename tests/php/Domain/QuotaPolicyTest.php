<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\QuotaPolicy;
use SupportProvisioningPortal\Domain\QuotaViolation;

final class QuotaPolicyTest extends TestCase
{
    public function testLimitFromSettingTreatsZeroAsUnlimited(): void
    {
        self::assertNull(QuotaPolicy::limitFromSetting(0));
        self::assertSame(4096, QuotaPolicy::limitFromSetting(4096));
    }

    /**
     * @dataProvider outOfRangeSettings
     */
    public function testLimitFromSettingRejectsValuesOutOfRange(int $setting): void
    {
        $this->expectException(\InvalidArgumentException::class);
        QuotaPolicy::limitFromSetting($setting);
    }

    /**
     * @return array<string, array{int}>
     */
    public static function outOfRangeSettings(): array
    {
        return [
            'negative' => [-1],
            'what 1e19 wrapped to' => [PHP_INT_MIN],
            'past a signed 32-bit number' => [QuotaPolicy::MAX_LIMIT + 1],
        ];
    }

    public function testTheLargestLimitIsAccepted(): void
    {
        self::assertSame(QuotaPolicy::MAX_LIMIT, QuotaPolicy::limitFromSetting(QuotaPolicy::MAX_LIMIT));
    }

    public function testANewVmFitsBelowTheLimitOnly(): void
    {
        self::assertNull(QuotaPolicy::checkNewVm(null, 500));
        self::assertNull(QuotaPolicy::checkNewVm(3, 2));
        $violation = QuotaPolicy::checkNewVm(3, 3);
        self::assertNotNull($violation);
        self::assertSame(['scope' => 'vms', 'limit' => 3, 'used' => 3, 'requested' => 1], $violation->toArray());
        self::assertFalse($violation->countsRam());
        self::assertNotNull(QuotaPolicy::checkNewVm(2, 5), 'above a lowered limit');
    }

    /**
     * @dataProvider userLimits
     */
    public function testEffectiveUserLimit(?int $overrideMb, int $defaultMb, ?int $expected): void
    {
        self::assertSame($expected, QuotaPolicy::effectiveUserLimit($overrideMb, $defaultMb));
    }

    /**
     * @return array<string, array{?int, int, ?int}>
     */
    public static function userLimits(): array
    {
        return [
            'no override, default limit' => [null, 8192, 8192],
            'no override, unlimited default' => [null, 0, null],
            'override beats default' => [16384, 8192, 16384],
            'override below default' => [2048, 8192, 2048],
            'override unlimited' => [0, 8192, null],
            'override with unlimited default' => [1024, 0, 1024],
        ];
    }

    /**
     * @dataProvider fittingRequests
     */
    public function testRequestsThatFit(
        ?int $userLimit,
        int $userUsed,
        ?int $globalLimit,
        int $globalUsed,
        int $requested
    ): void {
        self::assertNull(QuotaPolicy::check($userLimit, $userUsed, $globalLimit, $globalUsed, $requested));
    }

    /**
     * @return array<string, array{?int, int, ?int, int, int}>
     */
    public static function fittingRequests(): array
    {
        return [
            'both unlimited' => [null, 1_000_000, null, 9_000_000, 4096],
            'well below both' => [8192, 1024, 65536, 10240, 2048],
            'exactly at the user limit' => [8192, 6144, null, 0, 2048],
            'exactly at the global limit' => [null, 0, 8192, 6144, 2048],
            'user unlimited, global fits' => [null, 50000, 65536, 60000, 4096],
        ];
    }

    public function testUserLimitIsReportedWhenExceeded(): void
    {
        $violation = QuotaPolicy::check(8192, 7168, null, 0, 2048);

        self::assertNotNull($violation);
        self::assertSame(
            ['scope' => 'user', 'limitMb' => 8192, 'usedMb' => 7168, 'requestedMb' => 2048],
            $violation->toArray()
        );
    }

    public function testGlobalLimitIsReportedWhenExceeded(): void
    {
        $violation = QuotaPolicy::check(null, 0, 65536, 64512, 2048);

        self::assertNotNull($violation);
        self::assertSame(QuotaViolation::SCOPE_GLOBAL, $violation->scope);
        self::assertSame(65536, $violation->limit);
        self::assertSame(64512, $violation->used);
        self::assertSame(2048, $violation->requested);
    }

    public function testUserScopeIsCheckedFirst(): void
    {
        $violation = QuotaPolicy::check(1024, 1024, 1024, 1024, 1);

        self::assertNotNull($violation);
        self::assertSame(QuotaViolation::SCOPE_USER, $violation->scope);
    }

    public function testAllocationAboveALoweredLimitRefusesAnyRequest(): void
    {
        self::assertNotNull(QuotaPolicy::check(4096, 6144, null, 0, 512));
    }

    /**
     * @dataProvider negativeInputs
     */
    public function testCheckRejectsNegativeInputs(int $userUsed, int $globalUsed, int $requested): void
    {
        $this->expectException(\InvalidArgumentException::class);
        QuotaPolicy::check(null, $userUsed, null, $globalUsed, $requested);
    }

    /**
     * @return array<string, array{int, int, int}>
     */
    public static function negativeInputs(): array
    {
        return [
            'user used' => [-1, 0, 1],
            'global used' => [0, -1, 1],
            'requested' => [0, 0, -1],
        ];
    }

    /**
     * @dataProvider availability
     */
    public function testAvailable(?int $limitMb, int $usedMb, ?int $expected): void
    {
        self::assertSame($expected, QuotaPolicy::available($limitMb, $usedMb));
    }

    /**
     * @return array<string, array{?int, int, ?int}>
     */
    public static function availability(): array
    {
        return [
            'unlimited' => [null, 4096, null],
            'nothing used' => [8192, 0, 8192],
            'partly used' => [8192, 2048, 6144],
            'fully used' => [8192, 8192, 0],
            'over a lowered limit' => [4096, 8192, 0],
        ];
    }

    public function testViolationRejectsUnknownScope(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        new QuotaViolation('team', 1, 1, 1);
    }
}
