<?php

declare(strict_types=1);

namespace SupportProvisioningPortal\Rest;

/**
 * Registers every REST controller of the plugin.
 */
final class Routes
{
    /** @var list<class-string<Controller>> */
    private const CONTROLLERS = [
        TemplatesController::class,
        ProxmoxTemplatesController::class,
        QuotaController::class,
        DeploymentsController::class,
        DeploymentActionsController::class,
        SharesController::class,
        SettingsController::class,
        UsersController::class,
        AuditLogsController::class,
        DeploymentDetailsController::class,
        ConnectionProfileController::class,
        RdpFileController::class,
        TicketSettingsController::class,
        SnapshotsController::class,
        HandoverController::class,
        BulkController::class,
    ];

    public static function register(): void
    {
        foreach (self::CONTROLLERS as $controller) {
            (new $controller())->registerRoutes();
        }
    }
}
