<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\PlacementPolicy;

final class PlacementPolicyTest extends TestCase
{
    private const NODES = [
        'a' => ['freeMb' => 4096, 'count' => 1],
        'b' => ['freeMb' => 16384, 'count' => 5],
        'c' => ['freeMb' => 8192, 'count' => 1],
    ];

    public function testMemoryPicksTheMostFreeNode(): void
    {
        self::assertSame('b', PlacementPolicy::choose(PlacementPolicy::MEMORY, 2048, self::NODES, ''));
    }

    public function testSpreadPicksTheFewestVmsThenTheMostFree(): void
    {
        self::assertSame('c', PlacementPolicy::choose(PlacementPolicy::SPREAD, 2048, self::NODES, ''));
    }

    public function testFixedPicksOnlyTheConfiguredNode(): void
    {
        self::assertSame('a', PlacementPolicy::choose(PlacementPolicy::FIXED, 2048, self::NODES, 'a'));
        self::assertNull(PlacementPolicy::choose(PlacementPolicy::FIXED, 8192, self::NODES, 'a'), 'no room on it: no other node');
        self::assertNull(PlacementPolicy::choose(PlacementPolicy::FIXED, 1024, self::NODES, 'elsewhere'));
    }

    public function testNodesWithoutRoomAreNeverChosen(): void
    {
        self::assertSame('b', PlacementPolicy::choose(PlacementPolicy::SPREAD, 10000, self::NODES, ''));
        self::assertNull(PlacementPolicy::choose(PlacementPolicy::MEMORY, 20000, self::NODES, ''));
        self::assertNull(PlacementPolicy::choose(PlacementPolicy::MEMORY, 1, [], ''));
    }

    public function testTiesGoToTheNodeNamedFirst(): void
    {
        $tie = ['y' => ['freeMb' => 100, 'count' => 0], 'x' => ['freeMb' => 100, 'count' => 0]];
        self::assertSame('x', PlacementPolicy::choose(PlacementPolicy::MEMORY, 50, $tie, ''));
        self::assertSame('x', PlacementPolicy::choose(PlacementPolicy::SPREAD, 50, $tie, ''));
    }
}
