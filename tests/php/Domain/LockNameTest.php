<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\LockName;

final class LockNameTest extends TestCase
{
    public function testLongDatabaseAndPrefixNamesStillGiveEverySiteAndPurposeItsOwnLock(): void
    {
        // Cut at 64 characters, 'spp:<database>:<prefix>:<purpose>' made all of these one lock.
        $database = 'customer_' . str_repeat('production_wordpress_', 2);
        $names = [];
        foreach (['wp_12_', 'wp_13_'] as $prefix) {
            foreach (['quota', 'rights', 'templates'] as $purpose) {
                $name = LockName::for($database, $prefix, $purpose);
                self::assertLessThanOrEqual(LockName::MAX_LENGTH, strlen($name), $name);
                $names[] = $name;
            }
        }
        self::assertCount(6, array_unique($names));
    }

    public function testTheNameStartsWithTheReadablePurpose(): void
    {
        self::assertMatchesRegularExpression('/^spp:quota:[0-9a-f]{40}$/', LockName::for('db', 'wp_', 'quota'));
        self::assertSame(LockName::for('db', 'wp_', 'quota'), LockName::for('db', 'wp_', 'quota'));
    }

    public function testSeparatorsCannotMakeTwoScopesAlike(): void
    {
        self::assertNotSame(LockName::for('a:b', 'c', 'quota'), LockName::for('a', 'b:c', 'quota'));
    }
}
