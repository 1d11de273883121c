<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\Right;

final class ActionTest extends TestCase
{
    public function testValues(): void
    {
        self::assertSame(
            ['view', 'start', 'stop', 'prolong', 'refresh_ips', 'delete', 'share', 'snapshot'],
            array_map(static fn (Action $action): string => $action->value, Action::cases())
        );
    }

    /**
     * @dataProvider requiredRights
     */
    public function testRequiredRight(Action $action, Right $right): void
    {
        self::assertSame($right, $action->requiredRight());
    }

    /**
     * @return array<string, array{Action, Right}>
     */
    public static function requiredRights(): array
    {
        return [
            'view' => [Action::VIEW, Right::PORTAL_ACCESS],
            'start' => [Action::START, Right::START],
            'stop' => [Action::STOP, Right::STOP],
            'prolong' => [Action::PROLONG, Right::PROLONG],
            'refresh_ips' => [Action::REFRESH_IPS, Right::REFRESH_IPS],
            'delete' => [Action::DELETE, Right::DELETE],
            'share' => [Action::SHARE, Right::PORTAL_ACCESS],
            'snapshot' => [Action::SNAPSHOT, Right::SNAPSHOT],
        ];
    }
}
