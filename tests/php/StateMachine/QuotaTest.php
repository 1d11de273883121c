<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\QuotaViolation;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Quota;
use SupportProvisioningPortal\Store\LockTimeout;

/** The contingents: what counts, what a reservation or a hand-over may add, and the quota lock around both. */
final class QuotaTest extends UserActionTestCase
{
    public function testUsageCountsTheRamOfStatusesThatHoldItAndTheVmsHeld(): void
    {
        $this->limits->userRamMb = 8192;
        $this->limits->globalRamMb = 16384;
        $this->limits->userVms = 3;
        $this->rows->add(['status' => Status::RUNNING->value, 'vmid' => 100, 'memory_mb' => 2048]);
        $this->rows->add(['status' => Status::EXPIRED->value, 'vmid' => 101, 'memory_mb' => 4096]);
        $this->rows->add(['status' => Status::DELETING->value, 'vmid' => 102, 'memory_mb' => 1024, 'ram_released' => 1]);
        $this->rows->add(['status' => Status::FAILED->value, 'memory_mb' => 512]);
        $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 103, 'memory_mb' => 1024, 'owner_id' => self::COLLEAGUE]);

        self::assertSame([
            'user' => ['limitMb' => 8192, 'usedMb' => 2048, 'availableMb' => 6144],
            'global' => ['limitMb' => 16384, 'usedMb' => 3072, 'availableMb' => 13312],
            'vms' => ['limit' => 3, 'used' => 3, 'available' => 0],
        ], $this->quota()->usageOf(self::OWNER));
    }

    public function testUnlimitedQuotasReportNothingAvailableToCount(): void
    {
        $usage = $this->quota()->usageOf(self::OWNER);

        self::assertSame([null, null, null], [$usage['user']['availableMb'], $usage['global']['availableMb'], $usage['vms']['available']]);
    }

    public function testAReservationWithinEveryLimitRunsUnderTheQuotaLock(): void
    {
        $this->limits->userRamMb = 4096;

        $result = $this->quota()->reserve(self::OWNER, 4096, fn (): string => 'locks held while allocating: ' . $this->locks->held[Quota::LOCK], true);

        self::assertSame('locks held while allocating: 1', $result);
        self::assertSame([Quota::LOCK], $this->locks->asked);
        self::assertSame(0, $this->locks->held[Quota::LOCK], 'released after the work');
    }

    public function testTheOwnersRamLimitRefusesWithoutRunningTheAllocation(): void
    {
        $this->limits->userRamMb = 4096;
        $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 100, 'memory_mb' => 3072]);

        $result = $this->quota()->reserve(self::OWNER, 2048, static fn (): never => self::fail('allocated over the limit'));

        self::assertInstanceOf(QuotaViolation::class, $result);
        self::assertSame([QuotaViolation::SCOPE_USER, 4096, 3072, 2048], [$result->scope, $result->limit, $result->used, $result->requested]);
        self::assertSame(0, $this->locks->held[Quota::LOCK]);
    }

    public function testTheGlobalRamLimitCountsEveryonesDeployments(): void
    {
        $this->limits->globalRamMb = 4096;
        $this->rows->add(['status' => Status::RUNNING->value, 'vmid' => 100, 'memory_mb' => 3072, 'owner_id' => self::COLLEAGUE]);

        $result = $this->quota()->reserve(self::OWNER, 2048, static fn (): never => self::fail('allocated over the global limit'));

        self::assertInstanceOf(QuotaViolation::class, $result);
        self::assertSame([QuotaViolation::SCOPE_GLOBAL, 3072], [$result->scope, $result->used]);
    }

    public function testTheVmLimitRefusesOnlyWhatAddsAVm(): void
    {
        $this->limits->userVms = 1;
        $this->rows->add(['status' => Status::EXPIRED->value, 'vmid' => 100, 'memory_mb' => 2048]);

        $newVm = $this->quota()->reserve(self::OWNER, 1024, static fn (): never => self::fail('a second VM was allowed'), true);
        $revival = $this->quota()->reserve(self::OWNER, 2048, static fn (): string => 'revived');

        self::assertInstanceOf(QuotaViolation::class, $newVm);
        self::assertSame([QuotaViolation::SCOPE_VMS, 1], [$newVm->scope, $newVm->limit]);
        self::assertSame('revived', $revival);
    }

    public function testRamReleasedByAnExpiryOrADeletionIsFreeAgain(): void
    {
        $this->limits->userRamMb = 4096;
        $this->rows->add(['status' => Status::EXPIRED->value, 'vmid' => 100, 'memory_mb' => 4096]);
        $this->rows->add(['status' => Status::DELETING->value, 'vmid' => 101, 'memory_mb' => 4096, 'ram_released' => 1]);

        self::assertSame('fits', $this->quota()->reserve(self::OWNER, 4096, static fn (): string => 'fits'));
    }

    public function testATakenQuotaLockRefusesAfterItsWaitAndRunsNothing(): void
    {
        $this->locks->refuse = true;

        $this->expectException(LockTimeout::class);
        $this->quota()->reserve(self::OWNER, 1, static fn (): never => self::fail('ran without the lock'));
    }

    public function testTheLockIsReleasedWhenTheAllocationFails(): void
    {
        try {
            $this->quota()->reserve(self::OWNER, 1, static fn (): never => throw new \RuntimeException('insert failed'));
            self::fail('the failure was swallowed');
        } catch (\RuntimeException $error) {
            self::assertSame('insert failed', $error->getMessage());
        }
        self::assertSame(0, $this->locks->held[Quota::LOCK]);
    }

    public function testAHandOverChecksTheReceiversOwnLimitsNotTheGlobalOne(): void
    {
        $this->limits->globalRamMb = 1024;
        $this->rows->add(['status' => Status::RUNNING->value, 'vmid' => 100, 'memory_mb' => 4096]);

        $moved = $this->quota()->transfer(self::COLLEAGUE, static fn (): array => ['ramMb' => 4096, 'holdsVm' => true], static fn (): string => 'moved');

        self::assertSame('moved', $moved);
    }

    public function testAHandOverBeyondTheReceiversLimitsMovesNothing(): void
    {
        $this->limits->userRamMb = 4096;
        $this->limits->userVms = 1;
        $this->rows->add(['status' => Status::STOPPED->value, 'vmid' => 100, 'memory_mb' => 1024, 'owner_id' => self::COLLEAGUE]);

        $ram = $this->quota()->transfer(self::COLLEAGUE, static fn (): array => ['ramMb' => 4096, 'holdsVm' => false], static fn (): never => self::fail('moved over the RAM limit'));
        $vm = $this->quota()->transfer(self::COLLEAGUE, static fn (): array => ['ramMb' => 0, 'holdsVm' => true], static fn (): never => self::fail('moved over the VM limit'));

        self::assertInstanceOf(QuotaViolation::class, $ram);
        self::assertSame(QuotaViolation::SCOPE_USER, $ram->scope);
        self::assertInstanceOf(QuotaViolation::class, $vm);
        self::assertSame(QuotaViolation::SCOPE_VMS, $vm->scope);
    }
}
