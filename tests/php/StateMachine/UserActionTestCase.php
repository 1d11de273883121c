<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\StateMachine;

use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Proxmox\TaskWaiter;
use SupportProvisioningPortal\Service\AuditContexts;
use SupportProvisioningPortal\Service\BulkActions;
use SupportProvisioningPortal\Service\DeploymentAccess;
use SupportProvisioningPortal\Service\Deployments;
use SupportProvisioningPortal\Service\Expiry;
use SupportProvisioningPortal\Service\Freshness;
use SupportProvisioningPortal\Service\Handover;
use SupportProvisioningPortal\Service\Lifecycle;
use SupportProvisioningPortal\Service\LifetimeCaps;
use SupportProvisioningPortal\Service\OwnedVm;
use SupportProvisioningPortal\Service\PowerAction;
use SupportProvisioningPortal\Service\Quota;
use SupportProvisioningPortal\Service\ServiceError;
use SupportProvisioningPortal\Service\Sharing;
use SupportProvisioningPortal\Service\Snapshots;
use SupportProvisioningPortal\Service\VmReconciler;
use SupportProvisioningPortal\Tests\Fakes\ClockSleeper;
use SupportProvisioningPortal\Tests\Fakes\FixedClients;
use SupportProvisioningPortal\Tests\Fakes\FixedQuotaLimits;
use SupportProvisioningPortal\Tests\Fakes\GrantedRights;
use SupportProvisioningPortal\Tests\Fakes\InMemoryOwnership;
use SupportProvisioningPortal\Tests\Fakes\InMemoryShares;
use SupportProvisioningPortal\Tests\Fakes\InMemoryTemplates;
use SupportProvisioningPortal\Tests\Fakes\KnownMembers;
use SupportProvisioningPortal\Tests\Fakes\RecordingUserAudit;

/**
 * The user's requests (Deployments, Lifecycle, Sharing, Quota, DeploymentAccess) wired to the same
 * fakes as the worker: the owner (user 7, as the rows have it) holds the user rights, a manager and
 * a user the deployment may be shared with are at hand, one template is approved, and the limits
 * start unlimited.
 */
abstract class UserActionTestCase extends WorkerTestCase
{
    protected const OWNER = 7;
    protected const MANAGER = 8;
    protected const COLLEAGUE = 9;
    protected const USER_RIGHTS = [Right::PORTAL_ACCESS, Right::CREATE, Right::START, Right::STOP, Right::PROLONG, Right::REFRESH_IPS, Right::DELETE];

    protected GrantedRights $rights;
    protected FixedQuotaLimits $limits;
    protected AuditContexts $contexts;
    protected InMemoryTemplates $templates;
    protected KnownMembers $members;
    protected InMemoryShares $shares;
    /** The current user's audit rows besides the request's own (a hand-over's notices). */
    protected RecordingUserAudit $userAudit;
    /** A start or stop request's wait for its task: its pauses move the clock. */
    protected ClockSleeper $sleeper;

    protected function setUp(): void
    {
        parent::setUp();
        $this->rights = new GrantedRights();
        $this->rights->grant(self::OWNER, ...self::USER_RIGHTS);
        $this->rights->grant(self::COLLEAGUE, ...self::USER_RIGHTS);
        $this->rights->grant(self::MANAGER, ...[...self::USER_RIGHTS, Right::MANAGE_ALL]);
        $this->limits = new FixedQuotaLimits();
        $this->contexts = new AuditContexts();
        $this->templates = new InMemoryTemplates();
        $this->members = new KnownMembers();
        $this->members->add(self::OWNER, 'alice');
        $this->members->add(self::MANAGER, 'mona');
        $this->members->add(self::COLLEAGUE, 'carl');
        $this->shares = new InMemoryShares($this->rows, $this->members, $this->clock);
        $this->pve->endTasksWhenPolled();
        $this->sleeper = new ClockSleeper($this->clock);
        $this->userAudit = new RecordingUserAudit();
    }

    protected function quota(): Quota
    {
        return new Quota($this->limits, $this->rows, $this->locks);
    }

    protected function access(): DeploymentAccess
    {
        $freshness = new Freshness($this->rows, new Expiry($this->rows, $this->audit, $this->clock), $this->worker(), $this->clock);
        return new DeploymentAccess($this->rows, $this->rights, $freshness, $this->reconciler(), $this->clients());
    }

    protected function deployments(): Deployments
    {
        return new Deployments(
            $this->templates,
            $this->rows,
            $this->quota(),
            $this->caps(),
            $this->clients(),
            $this->placement,
            $this->members,
            $this->contexts,
            $this->clock,
        );
    }

    protected function sharing(): Sharing
    {
        return new Sharing($this->access(), $this->shares, $this->members, $this->rights, $this->contexts);
    }

    protected function bulkActions(): BulkActions
    {
        return new BulkActions($this->lifecycle(), $this->handover(), $this->contexts, $this->userAudit);
    }

    protected function handover(): Handover
    {
        return new Handover(
            $this->access(),
            $this->members,
            $this->rights,
            $this->quota(),
            new InMemoryOwnership($this->rows, $this->shares),
            $this->rows,
            $this->contexts,
            $this->userAudit,
        );
    }

    protected function snapshots(): Snapshots
    {
        return new Snapshots(
            $this->access(),
            $this->ownedVm(),
            $this->clients(),
            $this->rows,
            $this->rights,
            $this->settings,
            $this->worker(),
            $this->contexts,
        );
    }

    protected function lifecycle(): Lifecycle
    {
        $owned = $this->ownedVm();
        return new Lifecycle(
            $this->rows,
            $this->access(),
            $this->quota(),
            $this->caps(),
            $this->clients(),
            $owned,
            new PowerAction($this->clients(), $this->rows, $owned, $this->reconciler(), new TaskWaiter($this->clock, $this->sleeper)),
            $this->worker(),
            $this->rights,
            $this->contexts,
            $this->clock,
        );
    }

    /** @return array<string, mixed> what the request described for its audit row */
    protected function auditDetails(): array
    {
        return $this->contexts->current()->details();
    }

    /** Runs $request and returns the refusal it threw. */
    protected function refusal(callable $request): ServiceError
    {
        try {
            $request();
        } catch (ServiceError $error) {
            return $error;
        }
        self::fail('The request was not refused.');
    }

    protected function assertRefused(ErrorCode $code, callable $request): ServiceError
    {
        $error = $this->refusal($request);
        self::assertSame($code, $error->errorCode, $error->getMessage());
        return $error;
    }

    private function caps(): LifetimeCaps
    {
        return new LifetimeCaps($this->rights, $this->contexts);
    }

    private function ownedVm(): OwnedVm
    {
        return new OwnedVm($this->clients(), $this->rows, $this->reconciler());
    }

    private function clients(): FixedClients
    {
        return new FixedClients($this->pve, self::CONNECTION);
    }

    private function reconciler(): VmReconciler
    {
        return new VmReconciler($this->rows, $this->clients());
    }
}
