<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Status;

final class StatusTest extends TestCase
{
    public function testValuesAreTheContractNames(): void
    {
        self::assertSame(
            ['PROVISIONING', 'STOPPED', 'RUNNING', 'EXPIRED', 'DELETING', 'DELETED', 'FAILED'],
            array_map(static fn (Status $status): string => $status->value, Status::cases())
        );
    }

    /**
     * @dataProvider statusProperties
     */
    public function testCountsTowardsQuotaAndBusy(Status $status, bool $countsTowardsQuota, bool $busy): void
    {
        self::assertSame($countsTowardsQuota, $status->countsTowardsQuota());
        self::assertSame($busy, $status->isBusy());
    }

    /**
     * @return array<string, array{Status, bool, bool}>
     */
    public static function statusProperties(): array
    {
        return [
            'PROVISIONING' => [Status::PROVISIONING, true, true],
            'STOPPED' => [Status::STOPPED, true, false],
            'RUNNING' => [Status::RUNNING, true, false],
            'EXPIRED' => [Status::EXPIRED, false, false],
            'DELETING' => [Status::DELETING, true, true],
            'DELETED' => [Status::DELETED, false, false],
            'FAILED' => [Status::FAILED, false, false],
        ];
    }

    public function testQuotaStatusesListsTheAllocatingValues(): void
    {
        self::assertSame(['PROVISIONING', 'STOPPED', 'RUNNING', 'DELETING'], Status::quotaStatuses());
    }

    public function testEveryStatusUpToDeletionHoldsAVmAndFailedOnesWhileTheyHaveAVmid(): void
    {
        $holding = array_filter(Status::cases(), static fn (Status $status): bool => $status->holdsVm(false));
        self::assertSame(
            ['PROVISIONING', 'STOPPED', 'RUNNING', 'EXPIRED', 'DELETING'],
            array_values(array_map(static fn (Status $status): string => $status->value, $holding))
        );
        self::assertTrue(Status::FAILED->holdsVm(true));
        self::assertFalse(Status::DELETED->holdsVm(true));
    }
}
