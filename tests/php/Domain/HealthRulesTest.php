<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\HealthRules;

final class HealthRulesTest extends TestCase
{
    private const NOW = 1_800_000_000;

    /** @return array<string, array{?int, int, string}> */
    public static function ticks(): array
    {
        return [
            'a minute ago' => [self::NOW - 60, 0, HealthRules::GOOD],
            'exactly five minutes ago' => [self::NOW - 300, 5, HealthRules::GOOD],
            'late' => [self::NOW - 301, 0, HealthRules::CRITICAL],
            'never, with work waiting' => [null, 1, HealthRules::CRITICAL],
            'never, nothing waiting (a new site)' => [null, 0, HealthRules::RECOMMENDED],
        ];
    }

    /** @dataProvider ticks */
    public function testTick(?int $lastRun, int $backlog, string $expected): void
    {
        self::assertSame($expected, HealthRules::tick($lastRun, self::NOW, $backlog));
    }

    public function testWpCronEnabledIsOnlyRecommendedAgainst(): void
    {
        self::assertSame(HealthRules::RECOMMENDED, HealthRules::cron(false, self::NOW - 10, self::NOW));
        self::assertSame(HealthRules::RECOMMENDED, HealthRules::cron(false, null, self::NOW));
    }

    public function testWpCronDisabledNeedsATickThatRuns(): void
    {
        self::assertSame(HealthRules::GOOD, HealthRules::cron(true, self::NOW - 10, self::NOW));
        self::assertSame(HealthRules::CRITICAL, HealthRules::cron(true, self::NOW - 3600, self::NOW));
        self::assertSame(HealthRules::CRITICAL, HealthRules::cron(true, null, self::NOW));
    }

    public function testSchemaMustMatchExactly(): void
    {
        self::assertSame(HealthRules::GOOD, HealthRules::schema(11, 11));
        self::assertSame(HealthRules::CRITICAL, HealthRules::schema(10, 11), 'a migration did not run');
        self::assertSame(HealthRules::CRITICAL, HealthRules::schema(12, 11), 'an older plugin on a newer schema');
    }

    public function testEncryptionKey(): void
    {
        self::assertSame(HealthRules::GOOD, HealthRules::encryptionKey(true, true));
        self::assertSame(HealthRules::RECOMMENDED, HealthRules::encryptionKey(false, true));
        self::assertSame(HealthRules::CRITICAL, HealthRules::encryptionKey(true, false));
        self::assertSame(HealthRules::CRITICAL, HealthRules::encryptionKey(false, false));
    }
}
