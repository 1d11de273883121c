<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\LifecycleTransitions;
use SupportProvisioningPortal\Domain\Status;

final class LifecycleTransitionsTest extends TestCase
{
    /** @var list<string> "FROM>TO" */
    private const ALLOWED = [
        'PROVISIONING>STOPPED',
        'PROVISIONING>RUNNING',
        'PROVISIONING>FAILED',
        'STOPPED>RUNNING',
        'STOPPED>EXPIRED',
        'STOPPED>DELETING',
        'RUNNING>STOPPED',
        'RUNNING>EXPIRED',
        'RUNNING>DELETING',
        'EXPIRED>STOPPED',
        'EXPIRED>DELETING',
        'FAILED>DELETING',
        'FAILED>DELETED',
        'DELETING>DELETED',
        'DELETING>FAILED',
    ];

    /**
     * @dataProvider everyPair
     */
    public function testCanTransition(Status $from, Status $to): void
    {
        self::assertSame(
            in_array($from->value . '>' . $to->value, self::ALLOWED, true),
            LifecycleTransitions::canTransition($from, $to)
        );
    }

    /**
     * @return \Generator<string, array{Status, Status}>
     */
    public static function everyPair(): \Generator
    {
        foreach (Status::cases() as $from) {
            foreach (Status::cases() as $to) {
                yield $from->value . ' to ' . $to->value => [$from, $to];
            }
        }
    }

    /**
     * @dataProvider sources
     * @param list<Status> $expected
     */
    public function testAllowedSources(Status $to, array $expected): void
    {
        self::assertSame($expected, LifecycleTransitions::allowedSources($to));
    }

    /**
     * @return array<string, array{Status, list<Status>}>
     */
    public static function sources(): array
    {
        return [
            'PROVISIONING' => [Status::PROVISIONING, []],
            'STOPPED' => [Status::STOPPED, [Status::PROVISIONING, Status::RUNNING, Status::EXPIRED]],
            'RUNNING' => [Status::RUNNING, [Status::PROVISIONING, Status::STOPPED]],
            'EXPIRED' => [Status::EXPIRED, [Status::STOPPED, Status::RUNNING]],
            'DELETING' => [Status::DELETING, [Status::STOPPED, Status::RUNNING, Status::EXPIRED, Status::FAILED]],
            'DELETED' => [Status::DELETED, [Status::DELETING, Status::FAILED]],
            'FAILED' => [Status::FAILED, [Status::PROVISIONING, Status::DELETING]],
        ];
    }
}
