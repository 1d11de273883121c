<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Right;

final class RightTest extends TestCase
{
    public function testKeysAreTheContractKeysInOrder(): void
    {
        self::assertSame(
            [
                'portal_access',
                'create',
                'start',
                'stop',
                'prolong',
                'refresh_ips',
                'delete',
                'manage_all',
                'manage_templates',
                'manage_settings',
                'manage_rights',
                'snapshot',
            ],
            array_map(static fn (Right $right): string => $right->value, Right::cases())
        );
    }

    /**
     * @dataProvider labels
     */
    public function testLabel(Right $right, string $label): void
    {
        self::assertSame($label, $right->label());
    }

    /**
     * @return array<string, array{Right, string}>
     */
    public static function labels(): array
    {
        return [
            'portal_access' => [Right::PORTAL_ACCESS, 'Open portal and view deployments'],
            'create' => [Right::CREATE, 'Create deployments'],
            'start' => [Right::START, 'Start deployments'],
            'stop' => [Right::STOP, 'Stop deployments'],
            'prolong' => [Right::PROLONG, 'Prolong deployments'],
            'refresh_ips' => [Right::REFRESH_IPS, 'Refresh IP addresses'],
            'delete' => [Right::DELETE, 'Delete deployments'],
            'manage_all' => [Right::MANAGE_ALL, 'View and manage all deployments'],
            'manage_templates' => [Right::MANAGE_TEMPLATES, 'Manage templates'],
            'manage_settings' => [Right::MANAGE_SETTINGS, 'Manage Proxmox settings and quotas'],
            'manage_rights' => [Right::MANAGE_RIGHTS, 'Manage user rights'],
            'snapshot' => [Right::SNAPSHOT, 'Take, roll back and delete snapshots'],
        ];
    }

    public function testFromKeysDeduplicatesAndOrdersAsTheEnum(): void
    {
        self::assertSame(
            [Right::PORTAL_ACCESS, Right::START, Right::MANAGE_RIGHTS],
            Right::fromKeys(['manage_rights', 'start', 'portal_access', 'start'])
        );
    }

    public function testFromKeysAcceptsAnEmptyListAndIgnoresArrayKeys(): void
    {
        self::assertSame([], Right::fromKeys([]));
        self::assertSame([Right::CREATE], Right::fromKeys(['x' => 'create']));
    }

    /**
     * @dataProvider invalidKeys
     * @param array<mixed> $keys
     */
    public function testFromKeysRejectsUnknownKeys(array $keys): void
    {
        $this->expectException(\InvalidArgumentException::class);
        Right::fromKeys($keys);
    }

    /**
     * @return array<string, array{array<mixed>}>
     */
    public static function invalidKeys(): array
    {
        return [
            'unknown key' => [['portal_access', 'launch_missiles']],
            'wrong case' => [['PORTAL_ACCESS']],
            'empty string' => [['']],
            'integer' => [[1]],
            'null' => [[null]],
            'nested array' => [[['portal_access']]],
        ];
    }

    public function testOrderedDeduplicatesAndSorts(): void
    {
        self::assertSame(
            [Right::CREATE, Right::DELETE],
            Right::ordered([Right::DELETE, Right::CREATE, Right::DELETE])
        );
    }
}
