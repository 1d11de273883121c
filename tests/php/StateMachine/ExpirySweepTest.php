<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Expiry;
use SupportProvisioningPortal\Service\Steps;
use SupportProvisioningPortal\Support\Time;

/** What is due expires once; the worker then stops and protects its VM, and never deletes it. */
final class ExpirySweepTest extends WorkerTestCase
{
    public function testADueDeploymentExpiresAndItsVmIsStoppedAndProtected(): void
    {
        $id = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => $this->inSeconds(-60)], ['status' => 'running']);

        self::assertSame(1, $this->expiry()->expireDue(Expiry::BATCH));
        $d = $this->pass($id);
        $this->assertAt(Status::EXPIRED, Steps::EXPIRE_STOP_WAIT, $d);
        $d = $this->afterTasks($id);

        $this->assertAt(Status::EXPIRED, Steps::DONE, $d);
        self::assertSame(['stop', 'setProtection'], $this->pve->changesTo(100));
        self::assertSame(['deployment.expire'], $this->audit->actions());
        self::assertSame(['expiredAt' => Time::toDb($this->clock->now())], $this->audit->last()['details']);
    }

    public function testOnlyWhatIsDueAndMayExpireIsExpired(): void
    {
        $due = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['expires_at' => $this->inSeconds(0)]);
        $later = $this->withVm(Status::STOPPED, Steps::DONE, 101, ['expires_at' => $this->inSeconds(60)]);
        $never = $this->withVm(Status::RUNNING, Steps::DONE, 102, ['expires_at' => $this->inSeconds(-60), 'never_expire' => 1]);
        $deleting = $this->withVm(Status::DELETING, Steps::DELETE, 103, ['expires_at' => $this->inSeconds(-60)]);

        self::assertSame(1, $this->expiry()->expireDue(Expiry::BATCH));

        self::assertSame(
            [Status::EXPIRED, Status::STOPPED, Status::RUNNING, Status::DELETING],
            array_map(fn (int $id): ?Status => $this->rows->find($id)?->status, [$due, $later, $never, $deleting])
        );
    }

    public function testASweepTakesTheSoonestFirstUpToItsLimit(): void
    {
        $recent = $this->withVm(Status::STOPPED, Steps::DONE, 100, ['expires_at' => $this->inSeconds(-10)]);
        $oldest = $this->withVm(Status::STOPPED, Steps::DONE, 101, ['expires_at' => $this->inSeconds(-90)]);

        self::assertSame(1, $this->expiry()->expireDue(1));

        self::assertSame([Status::STOPPED, Status::EXPIRED], [$this->rows->find($recent)?->status, $this->rows->find($oldest)?->status]);
    }

    public function testAProlongThatWonKeepsTheDeploymentAndASecondExpiryDoesNothing(): void
    {
        $prolonged = $this->withVm(Status::RUNNING, Steps::DONE, 100, ['expires_at' => $this->inSeconds(-60)]);
        $due = $this->withVm(Status::RUNNING, Steps::DONE, 101, ['expires_at' => $this->inSeconds(-60)]);
        $this->rows->change($prolonged, ['expires_at' => $this->inSeconds(3600)]);

        self::assertFalse($this->expiry()->expireOne($prolonged));
        self::assertTrue($this->expiry()->expireOne($due));
        self::assertFalse($this->expiry()->expireOne($due), 'of two servers, one expires it');

        self::assertSame(Status::RUNNING, $this->rows->find($prolonged)?->status);
        self::assertSame(['deployment.expire'], $this->audit->actions());
    }

    private function expiry(): Expiry
    {
        return new Expiry($this->rows, $this->audit, $this->clock);
    }

    private function inSeconds(int $seconds): string
    {
        return Time::toDb($this->clock->now()->modify("{$seconds} seconds"));
    }
}
