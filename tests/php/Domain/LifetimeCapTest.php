<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\LifetimeCap;

final class LifetimeCapTest extends TestCase
{
    private const CREATED = '2026-11-29T12:00:00+00:00';

    private static function created(string $modifier): \DateTimeImmutable
    {
        return (new \DateTimeImmutable(self::CREATED))->modify($modifier);
    }

    public function testNoCapAllowsAnyLifetime(): void
    {
        self::assertNull(LifetimeCap::violation(0, true, self::created('+0 hours'), self::created('+8760 hours')));
    }

    public function testLifetimeUpToTheCapIsAllowed(): void
    {
        self::assertNull(LifetimeCap::violation(72, true, self::created('+0 hours'), self::created('+72 hours')));
    }

    public function testLifetimeBeyondTheCapNamesTheCapAndTheHours(): void
    {
        self::assertSame(
            ['cap' => 'maxLifetimeHours', 'limitHours' => 72, 'requestedHours' => 73],
            LifetimeCap::violation(72, true, self::created('+0 hours'), self::created('+72 hours +1 second'))
        );
    }

    public function testNeverExpireNeedsTheTemplatesConsent(): void
    {
        self::assertSame(['cap' => 'allowNeverExpire'], LifetimeCap::violation(72, false, self::created('+0 hours'), null));
        self::assertNull(LifetimeCap::violation(72, true, self::created('+0 hours'), null));
    }
}
