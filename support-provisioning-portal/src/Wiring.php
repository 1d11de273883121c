<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

use SupportProvisioningPortal\Proxmox\TaskWaiter;
use SupportProvisioningPortal\Service\AuditContexts;
use SupportProvisioningPortal\Service\BulkActions;
use SupportProvisioningPortal\Service\ClonePlacement;
use SupportProvisioningPortal\Service\ConfiguredClient;
use SupportProvisioningPortal\Service\CurrentUserAudit;
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
use SupportProvisioningPortal\Service\Sharing;
use SupportProvisioningPortal\Service\SiteMembers;
use SupportProvisioningPortal\Service\SiteQuotaLimits;
use SupportProvisioningPortal\Service\SiteRights;
use SupportProvisioningPortal\Service\SiteTemplates;
use SupportProvisioningPortal\Service\SiteWorkerSettings;
use SupportProvisioningPortal\Service\Snapshots;
use SupportProvisioningPortal\Service\SystemAudit;
use SupportProvisioningPortal\Service\VmReconciler;
use SupportProvisioningPortal\Service\Worker;
use SupportProvisioningPortal\Store\DbDeploymentRows;
use SupportProvisioningPortal\Store\DbShareRows;
use SupportProvisioningPortal\Store\DbLocks;
use SupportProvisioningPortal\Store\DbOwnership;
use SupportProvisioningPortal\Support\SystemClock;
use SupportProvisioningPortal\Support\SystemSleeper;

/**
 * The plugin's service instances with their production collaborators, each built once per request
 * on first use (so no class loads before something needs it). Tests build the same classes with
 * fakes (tests/php/Fakes).
 */
final class Wiring
{
    private static ?ConfiguredClient $clients = null;
    private static ?DbDeploymentRows $rows = null;
    private static ?Worker $worker = null;
    private static ?Expiry $expiry = null;
    private static ?AuditContexts $auditContexts = null;
    private static ?Quota $quota = null;
    private static ?Freshness $freshness = null;
    private static ?VmReconciler $reconciler = null;
    private static ?OwnedVm $ownedVm = null;
    private static ?PowerAction $powerAction = null;
    private static ?LifetimeCaps $lifetimeCaps = null;
    private static ?DeploymentAccess $access = null;
    private static ?Lifecycle $lifecycle = null;
    private static ?Deployments $deployments = null;
    private static ?Sharing $sharing = null;
    private static ?TaskWaiter $taskWaiter = null;
    private static ?Snapshots $snapshots = null;
    private static ?Handover $handover = null;
    private static ?BulkActions $bulkActions = null;

    /** The Proxmox client of the saved settings (ClientFactory::client() and reset() use it too). */
    public static function clients(): ConfiguredClient
    {
        return self::$clients ??= new ConfiguredClient();
    }

    public static function worker(): Worker
    {
        return self::$worker ??= new Worker(
            self::rows(),
            self::clients(),
            new SystemAudit(),
            new DbLocks(),
            new SystemClock(),
            new ClonePlacement(),
            new SiteWorkerSettings(),
        );
    }

    public static function expiry(): Expiry
    {
        return self::$expiry ??= new Expiry(self::rows(), new SystemAudit(), new SystemClock());
    }

    /** What the current REST request's (or bulk item's) handlers describe for its audit row. */
    public static function auditContexts(): AuditContexts
    {
        return self::$auditContexts ??= new AuditContexts();
    }

    public static function quota(): Quota
    {
        return self::$quota ??= new Quota(new SiteQuotaLimits(), self::rows(), new DbLocks());
    }

    public static function freshness(): Freshness
    {
        return self::$freshness ??= new Freshness(self::rows(), self::expiry(), self::worker(), new SystemClock());
    }

    public static function ownedVm(): OwnedVm
    {
        return self::$ownedVm ??= new OwnedVm(self::clients(), self::rows(), self::reconciler());
    }

    public static function powerAction(): PowerAction
    {
        return self::$powerAction ??= new PowerAction(
            self::clients(),
            self::rows(),
            self::ownedVm(),
            self::reconciler(),
            self::taskWaiter(),
        );
    }

    /** The bounded wait for a start or stop task inside a request. */
    public static function taskWaiter(): TaskWaiter
    {
        return self::$taskWaiter ??= new TaskWaiter(new SystemClock(), new SystemSleeper());
    }

    public static function lifetimeCaps(): LifetimeCaps
    {
        return self::$lifetimeCaps ??= new LifetimeCaps(new SiteRights(), self::auditContexts());
    }

    public static function access(): DeploymentAccess
    {
        return self::$access ??= new DeploymentAccess(self::rows(), new SiteRights(), self::freshness(), self::reconciler(), self::clients());
    }

    public static function lifecycle(): Lifecycle
    {
        return self::$lifecycle ??= new Lifecycle(
            self::rows(),
            self::access(),
            self::quota(),
            self::lifetimeCaps(),
            self::clients(),
            self::ownedVm(),
            self::powerAction(),
            self::worker(),
            new SiteRights(),
            self::auditContexts(),
            new SystemClock(),
        );
    }

    public static function deployments(): Deployments
    {
        return self::$deployments ??= new Deployments(
            new SiteTemplates(),
            self::rows(),
            self::quota(),
            self::lifetimeCaps(),
            self::clients(),
            new ClonePlacement(),
            new SiteMembers(),
            self::auditContexts(),
            new SystemClock(),
        );
    }

    public static function sharing(): Sharing
    {
        return self::$sharing ??= new Sharing(self::access(), new DbShareRows(), new SiteMembers(), new SiteRights(), self::auditContexts());
    }

    public static function snapshots(): Snapshots
    {
        return self::$snapshots ??= new Snapshots(
            self::access(),
            self::ownedVm(),
            self::clients(),
            self::rows(),
            new SiteRights(),
            new SiteWorkerSettings(),
            self::worker(),
            self::auditContexts(),
        );
    }

    public static function handover(): Handover
    {
        return self::$handover ??= new Handover(
            self::access(),
            new SiteMembers(),
            new SiteRights(),
            self::quota(),
            new DbOwnership(),
            self::rows(),
            self::auditContexts(),
            new CurrentUserAudit(),
        );
    }

    public static function bulkActions(): BulkActions
    {
        return self::$bulkActions ??= new BulkActions(self::lifecycle(), self::handover(), self::auditContexts(), new CurrentUserAudit());
    }

    private static function rows(): DbDeploymentRows
    {
        return self::$rows ??= new DbDeploymentRows();
    }

    private static function reconciler(): VmReconciler
    {
        return self::$reconciler ??= new VmReconciler(self::rows(), self::clients());
    }
}
