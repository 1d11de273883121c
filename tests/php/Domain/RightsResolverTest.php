<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\RightsResolver;

final class RightsResolverTest extends TestCase
{
    public function testAdministratorHoldsEveryRightDuringBootstrap(): void
    {
        self::assertSame(Right::cases(), RightsResolver::effectiveRights([], true, false));
        self::assertSame(Right::cases(), RightsResolver::effectiveRights([Right::CREATE], true, false));
    }

    public function testAdministratorGetsNothingFromCapabilitiesAfterBootstrap(): void
    {
        self::assertSame([], RightsResolver::effectiveRights([], true, true));
        self::assertSame(
            [Right::PORTAL_ACCESS, Right::CREATE],
            RightsResolver::effectiveRights([Right::CREATE, Right::PORTAL_ACCESS], true, true)
        );
    }

    public function testStoredRightsCountDuringBootstrapForOtherUsers(): void
    {
        self::assertSame(
            [Right::PORTAL_ACCESS, Right::START],
            RightsResolver::effectiveRights([Right::START, Right::PORTAL_ACCESS], false, false)
        );
    }

    /**
     * @dataProvider bootstrapStates
     */
    public function testRightsWithoutPortalAccessAreUseless(bool $hasManageOptions, bool $rightsManagerExists): void
    {
        $everythingButAccess = array_values(array_filter(
            Right::cases(),
            static fn (Right $right): bool => $right !== Right::PORTAL_ACCESS
        ));
        self::assertSame(
            [],
            RightsResolver::effectiveRights($everythingButAccess, $hasManageOptions, $rightsManagerExists)
        );
    }

    /**
     * @return array<string, array{bool, bool}>
     */
    public static function bootstrapStates(): array
    {
        return [
            'plain user, bootstrap' => [false, false],
            'plain user, after bootstrap' => [false, true],
            'administrator, after bootstrap' => [true, true],
        ];
    }

    public function testEffectiveRightsAreDeduplicatedAndOrdered(): void
    {
        self::assertSame(
            [Right::PORTAL_ACCESS, Right::STOP, Right::MANAGE_ALL],
            RightsResolver::effectiveRights(
                [Right::MANAGE_ALL, Right::STOP, Right::PORTAL_ACCESS, Right::STOP],
                false,
                true
            )
        );
    }

    /**
     * @dataProvider managerRights
     * @param list<Right> $rights
     */
    public function testIsRightsManager(array $rights, bool $expected): void
    {
        self::assertSame($expected, RightsResolver::isRightsManager($rights));
    }

    /**
     * @return array<string, array{list<Right>, bool}>
     */
    public static function managerRights(): array
    {
        return [
            'nothing' => [[], false],
            'portal access only' => [[Right::PORTAL_ACCESS], false],
            'manage_rights without portal access' => [[Right::MANAGE_RIGHTS], false],
            'both' => [[Right::MANAGE_RIGHTS, Right::PORTAL_ACCESS], true],
            'all' => [Right::cases(), true],
        ];
    }

    /**
     * @dataProvider rightsChanges
     * @param list<Right> $current
     * @param list<Right> $new
     */
    public function testRemovesLastRightsManager(array $current, array $new, int $managerCount, bool $expected): void
    {
        self::assertSame($expected, RightsResolver::removesLastRightsManager($current, $new, $managerCount));
    }

    /**
     * @return array<string, array{list<Right>, list<Right>, int, bool}>
     */
    public static function rightsChanges(): array
    {
        $manager = [Right::PORTAL_ACCESS, Right::MANAGE_RIGHTS];
        return [
            'last manager drops manage_rights' => [$manager, [Right::PORTAL_ACCESS], 1, true],
            'last manager drops portal_access' => [$manager, [Right::MANAGE_RIGHTS], 1, true],
            'last manager drops everything' => [$manager, [], 1, true],
            'last manager keeps both' => [$manager, [Right::CREATE, ...$manager], 1, false],
            'another manager remains' => [$manager, [Right::PORTAL_ACCESS], 2, false],
            'target is no manager' => [[Right::PORTAL_ACCESS], [], 1, false],
            'bootstrap: no manager yet' => [[], [], 0, false],
            'granting manage_rights' => [[Right::PORTAL_ACCESS], $manager, 0, false],
        ];
    }
}
