<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;
use SupportProvisioningPortal\Service\Steps;

/**
 * Sharing a deployment (Sharing::list/add/remove): managed by its owner or a manager, with users
 * of the portal only; naming the owner or an existing share changes nothing and says why.
 */
final class ShareRequestTest extends UserActionTestCase
{
    private int $id;

    protected function setUp(): void
    {
        parent::setUp();
        $this->id = $this->withVm(Status::RUNNING, Steps::DONE);
    }

    public function testTheOwnerSharesByLoginOrEmailAndTheUserThenSeesIt(): void
    {
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->powerFor(self::COLLEAGUE, $this->id, Action::STOP));

        $list = $this->sharing()->addFor(self::OWNER, $this->id, ' carl@example.test ');

        self::assertSame([['userId' => self::COLLEAGUE, 'login' => 'carl', 'displayName' => 'Carl', 'createdAt' => '2026-03-02 09:00:00']], $list);
        $context = $this->contexts->current();
        self::assertSame(['share', (string) self::COLLEAGUE, $this->id], [$context->objectType(), $context->objectId(), $context->deploymentId()]);
        self::assertSame(['added' => true, 'userId' => self::COLLEAGUE, 'login' => 'carl'], $context->details());
        $this->assertAt(Status::STOPPED, Steps::DONE, $this->lifecycle()->powerFor(self::COLLEAGUE, $this->id, Action::STOP));
    }

    public function testSharingAgainOrWithTheOwnerChangesNothingAndSaysWhy(): void
    {
        $this->sharing()->addFor(self::OWNER, $this->id, 'carl');

        $again = $this->sharing()->addFor(self::OWNER, $this->id, 'carl');
        self::assertSame(['added' => false, 'unchanged' => 'already_shared'], array_intersect_key($this->contexts->current()->details(), ['added' => 0, 'unchanged' => 0]));
        $this->contexts->open();
        $owner = $this->sharing()->addFor(self::OWNER, $this->id, 'alice');

        self::assertSame(['added' => false, 'unchanged' => 'owner'], array_intersect_key($this->contexts->current()->details(), ['added' => 0, 'unchanged' => 0]));
        self::assertSame([['carl'], ['carl']], [array_column($again, 'login'), array_column($owner, 'login')]);
    }

    public function testOnlyPortalUsersKnownToTheSiteCanBeNamed(): void
    {
        $this->members->add(10, 'dora');

        $this->assertRefused(ErrorCode::USER_NOT_FOUND, fn () => $this->sharing()->addFor(self::OWNER, $this->id, 'nobody'));
        $this->assertRefused(ErrorCode::SHARE_TARGET_WITHOUT_ACCESS, fn () => $this->sharing()->addFor(self::OWNER, $this->id, 'dora'));

        self::assertSame([], $this->sharing()->listFor(self::OWNER, $this->id));
    }

    public function testAManagerManagesSharesButASharedUserOrAStrangerMayNot(): void
    {
        $this->members->add(10, 'dora');
        $this->rights->grant(10, Right::PORTAL_ACCESS);

        $this->sharing()->addFor(self::MANAGER, $this->id, 'carl');
        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->sharing()->addFor(self::COLLEAGUE, $this->id, 'dora'));
        $this->assertRefused(ErrorCode::FORBIDDEN, fn () => $this->sharing()->listFor(self::COLLEAGUE, $this->id));
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->sharing()->listFor(10, $this->id));

        self::assertSame(['carl'], array_column($this->sharing()->listFor(self::OWNER, $this->id), 'login'));
    }

    public function testRemovingAShareEndsTheUsersAccessAndRemovingItAgainSaysSo(): void
    {
        $this->sharing()->addFor(self::OWNER, $this->id, 'carl');

        self::assertSame([], $this->sharing()->removeFor(self::OWNER, $this->id, self::COLLEAGUE));
        self::assertTrue($this->contexts->current()->details()['removed']);
        $this->sharing()->removeFor(self::OWNER, $this->id, self::COLLEAGUE);

        self::assertFalse($this->contexts->current()->details()['removed']);
        $this->assertRefused(ErrorCode::DEPLOYMENT_NOT_FOUND, fn () => $this->lifecycle()->powerFor(self::COLLEAGUE, $this->id, Action::STOP));
    }

    public function testABusyDeploymentCanStillBeShared(): void
    {
        $busy = $this->provisioning(['step' => Steps::CLONE_WAIT, 'retry_at' => '2026-03-02 10:00:00']);

        self::assertSame(['carl'], array_column($this->sharing()->addFor(self::OWNER, $busy, 'carl'), 'login'));
    }
}
