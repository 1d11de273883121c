<?php

declare(strict_types=1);

namespace SupportProvisioningPortal;

use SupportProvisioningPortal\Service\AuditContexts;
use SupportProvisioningPortal\Service\ClonePlacement;
use SupportProvisioningPortal\Service\ConfiguredClient;
use SupportProvisioningPortal\Service\Expiry;
use SupportProvisioningPortal\Service\SiteWorkerSettings;
use SupportProvisioningPortal\Service\SystemAudit;
use SupportProvisioningPortal\Service\Worker;
use SupportProvisioningPortal\Store\DbDeploymentRows;
use SupportProvisioningPortal\Store\DbLocks;
use SupportProvisioningPortal\Support\SystemClock;

/**
 * The plugin's service instances with their production collaborators, each built once per request
 * on first use (so no class loads before something needs it). Tests build the same classes with
 * fakes (tests/php/Fakes).
 */
final class Wiring
{
    private static ?ConfiguredClient $clients = null;
    private static ?Worker $worker = null;
    private static ?Expiry $expiry = null;
    private static ?AuditContexts $auditContexts = null;

    /** The Proxmox client of the saved settings (ClientFactory::client() and reset() use it too). */
    public static function clients(): ConfiguredClient
    {
        return self::$clients ??= new ConfiguredClient();
    }

    public static function worker(): Worker
    {
        return self::$worker ??= new Worker(
            new DbDeploymentRows(),
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
        return self::$expiry ??= new Expiry(new DbDeploymentRows(), new SystemAudit(), new SystemClock());
    }

    /** What the current REST request's (or bulk item's) handlers describe for its audit row. */
    public static function auditContexts(): AuditContexts
    {
        return self::$auditContexts ??= new AuditContexts();
    }
}
