<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Tests\Domain;

use PHPUnit\Framework\TestCase;
use SupportProvisioningPortal\Domain\Action;
use SupportProvisioningPortal\Domain\DeploymentPolicy;
use SupportProvisioningPortal\Domain\ErrorCode;
use SupportProvisioningPortal\Domain\Relation;
use SupportProvisioningPortal\Domain\Right;
use SupportProvisioningPortal\Domain\Status;

final class DeploymentPolicyTest extends TestCase
{
    private const OK = 'ok';
    private const NOOP = 'noop';

    /**
     * What a caller who may act on the deployment (owner, or manage_all) with every lifecycle
     * right gets, per status and action, for a deployment with a TTL.
     *
     * @var array<string, array<string, string>> status => action => OK | NOOP | error code
     */
    private const STATUS_TABLE = [
        'PROVISIONING' => [
            'view' => self::OK, 'start' => 'spp_deployment_busy', 'stop' => 'spp_deployment_busy',
            'prolong' => 'spp_deployment_busy', 'refresh_ips' => 'spp_deployment_busy',
            'delete' => 'spp_deployment_busy', 'share' => self::OK, 'snapshot' => 'spp_deployment_busy',
        ],
        'STOPPED' => [
            'view' => self::OK, 'start' => self::OK, 'stop' => self::NOOP, 'prolong' => self::OK,
            'refresh_ips' => self::OK, 'delete' => self::OK, 'share' => self::OK, 'snapshot' => self::OK,
        ],
        'RUNNING' => [
            'view' => self::OK, 'start' => self::NOOP, 'stop' => self::OK, 'prolong' => self::OK,
            'refresh_ips' => self::OK, 'delete' => self::OK, 'share' => self::OK, 'snapshot' => self::OK,
        ],
        'EXPIRED' => [
            'view' => self::OK, 'start' => 'spp_deployment_expired', 'stop' => 'spp_deployment_expired',
            'prolong' => self::OK, 'refresh_ips' => 'spp_deployment_expired', 'delete' => self::OK,
            'share' => self::OK, 'snapshot' => 'spp_deployment_expired',
        ],
        'DELETING' => [
            'view' => self::OK, 'start' => 'spp_deployment_busy', 'stop' => 'spp_deployment_busy',
            'prolong' => 'spp_deployment_busy', 'refresh_ips' => 'spp_deployment_busy',
            'delete' => 'spp_deployment_busy', 'share' => self::OK, 'snapshot' => 'spp_deployment_busy',
        ],
        'DELETED' => [
            'view' => 'spp_deployment_not_found', 'start' => 'spp_deployment_not_found',
            'stop' => 'spp_deployment_not_found', 'prolong' => 'spp_deployment_not_found',
            'refresh_ips' => 'spp_deployment_not_found', 'delete' => 'spp_deployment_not_found',
            'share' => 'spp_deployment_not_found', 'snapshot' => 'spp_deployment_not_found',
        ],
        'FAILED' => [
            'view' => self::OK, 'start' => 'spp_deployment_failed', 'stop' => 'spp_deployment_failed',
            'prolong' => 'spp_deployment_failed', 'refresh_ips' => 'spp_deployment_failed',
            'delete' => self::OK, 'share' => self::OK, 'snapshot' => 'spp_deployment_failed',
        ],
    ];

    /**
     * @dataProvider matrix
     * @param list<Right> $rights
     */
    public function testRefusalMatrix(
        Relation $relation,
        array $rights,
        Status $status,
        bool $neverExpire,
        Action $action,
        string $expected
    ): void {
        $policy = new DeploymentPolicy($relation, $rights, $status, $neverExpire);

        $refusal = $policy->refusal($action);
        self::assertSame(
            in_array($expected, [self::OK, self::NOOP], true) ? null : $expected,
            $refusal?->value
        );
        self::assertSame($expected === self::NOOP, $refusal === null && $policy->isNoOp($action));
        self::assertSame($expected === self::OK, in_array($action->value, $policy->allowedActions(), true));
    }

    /**
     * Every relation × manage_all or not × status × never-expire or not × action.
     *
     * @return \Generator<string, array{Relation, list<Right>, Status, bool, Action, string}>
     */
    public static function matrix(): \Generator
    {
        foreach (Relation::cases() as $relation) {
            foreach ([false, true] as $manageAll) {
                $rights = $manageAll ? Right::cases() : self::allRightsExcept(Right::MANAGE_ALL);
                foreach (Status::cases() as $status) {
                    foreach ([false, true] as $neverExpire) {
                        foreach (Action::cases() as $action) {
                            $name = sprintf(
                                '%s%s %s%s %s',
                                $relation->value,
                                $manageAll ? '+manage_all' : '',
                                $status->value,
                                $neverExpire ? ' never-expire' : '',
                                $action->value
                            );
                            yield $name => [
                                $relation,
                                $rights,
                                $status,
                                $neverExpire,
                                $action,
                                self::expected($relation, $manageAll, $status, $neverExpire, $action),
                            ];
                        }
                    }
                }
            }
        }
    }

    private static function expected(
        Relation $relation,
        bool $manageAll,
        Status $status,
        bool $neverExpire,
        Action $action
    ): string {
        $fromStatus = self::STATUS_TABLE[$status->value][$action->value];
        if ($relation === Relation::NONE && !$manageAll) {
            return 'spp_deployment_not_found';
        }
        if ($status === Status::DELETED) {
            return $fromStatus;
        }
        $ownerOnly = $action === Action::DELETE || $action === Action::SHARE;
        if ($relation === Relation::SHARED && !$manageAll && $ownerOnly) {
            return 'rest_forbidden';
        }
        $prolongable = $status === Status::STOPPED || $status === Status::RUNNING || $status === Status::EXPIRED;
        if ($neverExpire && $action === Action::PROLONG && $prolongable) {
            return 'spp_deployment_never_expires';
        }
        return $fromStatus;
    }

    public function testStatusTableCoversEveryStatusAndAction(): void
    {
        $actions = array_map(static fn (Action $action): string => $action->value, Action::cases());
        foreach (Status::cases() as $status) {
            self::assertSame($actions, array_keys(self::STATUS_TABLE[$status->value]), $status->value);
        }
    }

    /**
     * @dataProvider actionsNeedingALifecycleRight
     */
    public function testMissingMatchingRightIsForbidden(Action $action): void
    {
        $rights = self::allRightsExcept($action->requiredRight());

        foreach (Relation::cases() as $relation) {
            $policy = new DeploymentPolicy($relation, $rights, Status::RUNNING, false);
            self::assertSame(ErrorCode::FORBIDDEN, $policy->refusal($action), $relation->value);
            self::assertNotContains($action->value, $policy->allowedActions());
        }
    }

    /**
     * @return array<string, array{Action}>
     */
    public static function actionsNeedingALifecycleRight(): array
    {
        return [
            'start' => [Action::START],
            'stop' => [Action::STOP],
            'prolong' => [Action::PROLONG],
            'refresh_ips' => [Action::REFRESH_IPS],
            'delete' => [Action::DELETE],
            'snapshot' => [Action::SNAPSHOT],
        ];
    }

    public function testEverythingIsForbiddenWithoutPortalAccess(): void
    {
        $policy = new DeploymentPolicy(
            Relation::OWNER,
            self::allRightsExcept(Right::PORTAL_ACCESS),
            Status::RUNNING,
            false
        );

        foreach (Action::cases() as $action) {
            self::assertSame(ErrorCode::FORBIDDEN, $policy->refusal($action), $action->value);
        }
        self::assertSame([], $policy->allowedActions());
    }

    public function testMissingRightIsForbiddenBeforeVisibilityIsChecked(): void
    {
        $policy = new DeploymentPolicy(Relation::NONE, [Right::PORTAL_ACCESS], Status::DELETED, false);

        self::assertSame(ErrorCode::FORBIDDEN, $policy->refusal(Action::START));
        self::assertSame(ErrorCode::DEPLOYMENT_NOT_FOUND, $policy->refusal(Action::VIEW));
    }

    public function testMissingRightIsForbiddenBeforeStatusIsChecked(): void
    {
        $policy = new DeploymentPolicy(Relation::OWNER, [Right::PORTAL_ACCESS], Status::PROVISIONING, false);

        self::assertSame(ErrorCode::FORBIDDEN, $policy->refusal(Action::DELETE));
    }

    public function testSharedUserIsForbiddenToDeleteEvenWhenBusy(): void
    {
        $rights = [Right::PORTAL_ACCESS, Right::DELETE];
        $policy = new DeploymentPolicy(Relation::SHARED, $rights, Status::DELETING, false);

        self::assertSame(ErrorCode::FORBIDDEN, $policy->refusal(Action::DELETE));
    }

    public function testADeploymentFromAnotherConnectionCanOnlyBeViewedSharedAndDeleted(): void
    {
        foreach ([Status::STOPPED, Status::RUNNING, Status::EXPIRED, Status::FAILED] as $status) {
            $policy = new DeploymentPolicy(Relation::OWNER, Right::cases(), $status, false, true);
            self::assertSame(['view', 'delete', 'share'], $policy->allowedActions(), $status->value);
            self::assertSame(ErrorCode::VM_OTHER_CONNECTION, $policy->refusal(Action::START));
            self::assertSame(ErrorCode::VM_OTHER_CONNECTION, $policy->refusal(Action::PROLONG));
        }
        $busy = new DeploymentPolicy(Relation::OWNER, Right::cases(), Status::DELETING, false, true);
        self::assertSame(ErrorCode::DEPLOYMENT_BUSY, $busy->refusal(Action::DELETE), 'busy is said first');
    }

    public function testSnapshotWorkInFlightLeavesOnlyViewShareAndProlong(): void
    {
        foreach ([Status::STOPPED, Status::RUNNING] as $status) {
            $policy = new DeploymentPolicy(Relation::OWNER, Right::cases(), $status, false, false, true);
            self::assertSame(['view', 'prolong', 'share'], $policy->allowedActions(), $status->value);
            self::assertSame(ErrorCode::DEPLOYMENT_BUSY, $policy->refusal(Action::SNAPSHOT));
            self::assertSame(ErrorCode::DEPLOYMENT_BUSY, $policy->refusal(Action::DELETE));
        }
        $expiring = new DeploymentPolicy(Relation::OWNER, Right::cases(), Status::EXPIRED, false, false, true);
        self::assertSame(['view', 'prolong', 'delete', 'share'], $expiring->allowedActions(), 'an expiry step blocks nothing new');
    }

    /**
     * @dataProvider allowedActionExamples
     * @param list<Right> $rights
     * @param list<string> $expected
     */
    public function testAllowedActions(
        Relation $relation,
        array $rights,
        Status $status,
        bool $neverExpire,
        array $expected
    ): void {
        $policy = new DeploymentPolicy($relation, $rights, $status, $neverExpire);

        self::assertSame($expected, $policy->allowedActions());
    }

    /**
     * @return array<string, array{Relation, list<Right>, Status, bool, list<string>}>
     */
    public static function allowedActionExamples(): array
    {
        $all = Right::cases();
        $user = [Right::PORTAL_ACCESS, Right::CREATE, Right::START, Right::STOP, Right::PROLONG,
            Right::REFRESH_IPS, Right::DELETE];
        return [
            'owner, running' => [
                Relation::OWNER, $user, Status::RUNNING, false,
                ['view', 'stop', 'prolong', 'refresh_ips', 'delete', 'share'],
            ],
            'owner with the snapshot right, running' => [
                Relation::OWNER, [...$user, Right::SNAPSHOT], Status::RUNNING, false,
                ['view', 'stop', 'prolong', 'refresh_ips', 'delete', 'share', 'snapshot'],
            ],
            'owner, stopped, never expires' => [
                Relation::OWNER, $user, Status::STOPPED, true,
                ['view', 'start', 'refresh_ips', 'delete', 'share'],
            ],
            'owner, expired' => [
                Relation::OWNER, $user, Status::EXPIRED, false,
                ['view', 'prolong', 'delete', 'share'],
            ],
            'owner, provisioning' => [Relation::OWNER, $user, Status::PROVISIONING, false, ['view', 'share']],
            'owner, deleting' => [Relation::OWNER, $user, Status::DELETING, false, ['view', 'share']],
            'owner, failed' => [Relation::OWNER, $user, Status::FAILED, false, ['view', 'delete', 'share']],
            'owner, deleted' => [Relation::OWNER, $all, Status::DELETED, false, []],
            'shared, stopped' => [
                Relation::SHARED, $user, Status::STOPPED, false,
                ['view', 'start', 'prolong', 'refresh_ips'],
            ],
            'shared, start right only' => [
                Relation::SHARED, [Right::PORTAL_ACCESS, Right::START], Status::STOPPED, false,
                ['view', 'start'],
            ],
            'shared with manage_all, running' => [
                Relation::SHARED, $all, Status::RUNNING, false,
                ['view', 'stop', 'prolong', 'refresh_ips', 'delete', 'share', 'snapshot'],
            ],
            'stranger, running' => [Relation::NONE, $user, Status::RUNNING, false, []],
            'manager of all, failed' => [Relation::NONE, $all, Status::FAILED, false, ['view', 'delete', 'share']],
            'manage_all without lifecycle rights' => [
                Relation::NONE, [Right::PORTAL_ACCESS, Right::MANAGE_ALL], Status::RUNNING, false, ['view', 'share'],
            ],
            'owner with portal access only' => [
                Relation::OWNER, [Right::PORTAL_ACCESS], Status::RUNNING, false,
                ['view', 'share'],
            ],
            'owner without any right' => [Relation::OWNER, [], Status::RUNNING, false, []],
        ];
    }

    /**
     * @return list<Right>
     */
    private static function allRightsExcept(Right $excluded): array
    {
        return array_values(array_filter(Right::cases(), static fn (Right $right): bool => $right !== $excluded));
    }
}
